package io.attnsum.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselinesTest {
  private final RougeScorer scorer = new RougeScorer(new EnglishRougeTokenizer(true));

  private EvalDocument doc(String reference, String... sentences) {
    List<List<String>> tokens = new ArrayList<>();
    for (String s : sentences) {
      tokens.add(scorer.tokenizer().tokenize(s));
    }
    return new EvalDocument("d1", List.of(sentences), tokens, List.of(reference),
        List.of(scorer.tokenizeSentences(reference)));
  }

  @Test
  void pageRankOfAPathGraphMatchesTheClosedForm() {
    // a - b - c, unit weights, d = 0.85: x = 0.05 + 0.425 (1 - 2x) for the ends, so
    // x = 0.475 / 1.85 and the middle gets 1 - 2x.
    double[][] w = {{0, 1, 0}, {1, 0, 1}, {0, 1, 0}};
    double[] p = TextRankBaseline.pageRank(w, 0.85);
    double ends = 0.475 / 1.85;
    assertThat(p[0]).isCloseTo(ends, within(1e-9));
    assertThat(p[2]).isCloseTo(ends, within(1e-9));
    assertThat(p[1]).isCloseTo(1 - 2 * ends, within(1e-9));
  }

  @Test
  void textRankAndCentroidPreferTheSentenceSharingMostContent() {
    EvalDocument d = doc("x",
        "Weather was sunny today.",
        "The central bank raised interest rates and inflation fell.",
        "Interest rates matter for inflation.",
        "The bank said inflation fell after rates rose.",
        "A cat slept.");
    assertThat(new TextRankBaseline().select(d, 1)).containsExactly(1);
    assertThat(new CentroidBaseline().select(d, 1)).containsExactly(1);
    assertThat(new LeadBaseline().select(d, 2)).containsExactly(0, 1);
  }

  @Test
  void randomIsSeededDistinctAndSorted() {
    EvalDocument d = doc("x", "a.", "b.", "c.", "d.", "e.", "f.");
    int[] one = new RandomBaseline(7).select(d, 3);
    assertThat(new RandomBaseline(7).select(d, 3)).containsExactly(one);
    assertThat(one).hasSize(3).doesNotHaveDuplicates().isSorted();
    assertThat(new RandomBaseline(7).select(d, 10)).containsExactly(0, 1, 2, 3, 4, 5);
  }

  @Test
  void oracleStopsWhenNoSentenceImprovesRouge() {
    EvalDocument d = doc("police arrested two men in the city",
        "The weather was fine.",
        "Police arrested two men in the city.",
        "Shops opened late on Sunday.");
    // Adding any other sentence only lowers precision, so the oracle keeps one sentence.
    assertThat(new OracleBaseline().select(d, 3)).containsExactly(1);
  }

  @Test
  void oracleGreedilyAddsComplementarySentences() {
    EvalDocument d = doc("police arrested two men\nthe men were charged with theft",
        "Police arrested two men.",
        "Nothing else happened here today at all.",
        "The men were charged with theft.");
    assertThat(new OracleBaseline().select(d, 3)).containsExactly(0, 2);
  }
}
