package io.attnsum.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Hand-worked ROUGE values (exact fractions) and the NLTK stemmer's documented behaviour. */
class RougeScorerTest {
  private final RougeScorer scorer = new RougeScorer(new EnglishRougeTokenizer(false));

  @Test
  void lcsOfHandWorkedExample() {
    // ref a b c d e, candidate a c e x: LCS = a c e (3); P = 3/4, R = 3/5, F = 2PR/(P+R) = 2/3.
    RougeScore l = scorer.score("a b c d e", "a c e x").rougeL();
    assertThat(l.precision()).isEqualTo(0.75);
    assertThat(l.recall()).isEqualTo(0.6);
    assertThat(l.f1()).isCloseTo(2.0 / 3.0, within(1e-15));
  }

  @Test
  void summaryLevelLcsTakesTheUnionOverCandidateSentences() {
    // Sentence-level LCS of "a b c d" vs "c d a b" is 2 (P = R = 1/2); the summary-level union
    // of LCS("a b c d", "c d") = {c, d} and LCS(.., "a b") = {a, b} covers all 4 tokens.
    RougeScores s = scorer.score("a b c d", "c d\na b");
    assertThat(s.rougeL().f1()).isEqualTo(0.5);
    assertThat(s.rougeLsum().precision()).isEqualTo(1.0);
    assertThat(s.rougeLsum().recall()).isEqualTo(1.0);
  }

  @Test
  void multipleReferencesTakeTheBestF1PerMetric() {
    RougeScores s = scorer.scoreMulti(List.of("the cat sat", "a dog ran fast"), "the dog ran");
    // rouge1: ref 1 overlaps {the}: F = 1/3; ref 2 overlaps {dog, ran}: P = 2/3, R = 1/2, F = 4/7.
    assertThat(s.rouge1().precision()).isCloseTo(2.0 / 3.0, within(1e-15));
    assertThat(s.rouge1().recall()).isEqualTo(0.5);
    assertThat(s.rouge1().f1()).isCloseTo(4.0 / 7.0, within(1e-15));
    // rouge2: only ref 2 shares a bigram ("dog ran"): P = 1/2, R = 1/3, F = 2/5.
    assertThat(s.rouge2().precision()).isEqualTo(0.5);
    assertThat(s.rouge2().recall()).isCloseTo(1.0 / 3.0, within(1e-15));
    assertThat(s.rouge2().f1()).isCloseTo(0.4, within(1e-15));
  }

  @Test
  void repeatedNgramsAreClipped() {
    // pred has "the" x3, ref x1: unigram overlap = 1 (the) + 1 (cat) = 2 of 4 predicted.
    RougeScore r1 = scorer.score("the cat", "the the the cat").rouge1();
    assertThat(r1.precision()).isEqualTo(0.5);
    assertThat(r1.recall()).isEqualTo(1.0);
  }

  @Test
  void emptyPredictionScoresZero() {
    RougeScores s = scorer.score("the cat sat", "");
    for (RougeMetric m : RougeMetric.values()) {
      assertThat(s.get(m)).isEqualTo(new RougeScore(0, 0, 0));
    }
  }

  @Test
  void nltkPorterDiffersFromOriginalPorterWhereDocumented() {
    NltkPorterStemmer stemmer = new NltkPorterStemmer();
    assertThat(stemmer.stem("dies")).isEqualTo("die"); // original Porter: "di"
    assertThat(stemmer.stem("flies")).isEqualTo("fli");
    assertThat(stemmer.stem("died")).isEqualTo("die");
    assertThat(stemmer.stem("spied")).isEqualTo("spi");
    assertThat(stemmer.stem("enjoy")).isEqualTo("enjoy"); // original Porter: "enjoi"
    assertThat(stemmer.stem("dying")).isEqualTo("die");
    assertThat(stemmer.stem("running")).isEqualTo("run");
    assertThat(stemmer.stem("relational")).isEqualTo("relat");
    assertThat(stemmer.stem("generously")).isEqualTo("gener");
    assertThat(stemmer.stem("agreed")).isEqualTo("agre");
    assertThat(stemmer.stem("hopping")).isEqualTo("hop");
    assertThat(stemmer.stem("caresses")).isEqualTo("caress");
  }

  @Test
  void chineseTokensAreCharactersAndAsciiRuns() {
    assertThat(new ChineseRougeTokenizer().tokenize("负债超过14万亿，GDP增长"))
        .containsExactly("负", "债", "超", "过", "14", "万", "亿", "gdp", "增", "长");
  }

  /** ROUGE-L F1 of a text with itself is 1 and P/R/F stay in [0, 1] for any pair. */
  @Property(tries = 200)
  void scoresAreBoundedAndIdentityIsPerfect(
      @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 0, max = 5) Integer> a,
      @ForAll @Size(min = 0, max = 12) List<@IntRange(min = 0, max = 5) Integer> b) {
    String ta = String.join(" ", a.stream().map(i -> "w" + i).toList());
    String tb = String.join(" ", b.stream().map(i -> "w" + i).toList());
    assertThat(scorer.score(ta, ta).rougeL().f1()).isEqualTo(1.0);
    RougeScores s = scorer.score(ta, tb);
    for (RougeMetric m : RougeMetric.values()) {
      assertThat(s.get(m).f1()).isBetween(0.0, 1.0);
      // LCS length never exceeds the shorter text's length (checked through recall/precision).
      assertThat(s.rougeL().recall()).isLessThanOrEqualTo(s.rouge1().recall() + 1e-12);
    }
  }
}
