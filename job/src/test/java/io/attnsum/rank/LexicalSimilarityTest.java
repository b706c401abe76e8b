package io.attnsum.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.attnsum.attention.SyntheticCorpus;
import io.attnsum.text.Sentence;
import io.attnsum.encode.VectorPack;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LexicalSimilarityTest {

  private static List<Sentence> sentences(String... texts) {
    return SyntheticCorpus.doc("d", texts).sentences();
  }

  /** A pack over words w0..w(size-1) whose count of word i is counts[i]. */
  private static VectorPack pack(String[] words, long[] counts) {
    return new VectorPack(words, new float[words.length * 2], 2, counts);
  }

  /** Dense float64 reference: one map per sentence, weights from the formulas directly. */
  private static double[] reference(List<Sentence> s, VectorPack pack, double a) {
    int n = s.size();
    Map<String, Integer> df = new HashMap<>();
    for (Sentence x : s) {
      for (String t : new HashSet<>(List.of(x.tokens()))) {
        df.merge(t, 1, Integer::sum);
      }
    }
    List<Map<String, Double>> vectors = new ArrayList<>();
    for (Sentence x : s) {
      Map<String, Double> v = new HashMap<>();
      for (String t : x.tokens()) {
        double idf = Math.log((1.0 + n) / (1.0 + df.get(t))) + 1.0;
        int row = pack.indexOf(t);
        double sif = a > 0 && row >= 0 ? a / (a + (double) pack.count(row) / pack.totalCount()) : 1;
        v.merge(t, idf * sif, Double::sum);
      }
      vectors.add(v);
    }
    double[] cos = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double dot = 0;
        double ni = 0;
        double nj = 0;
        for (Map.Entry<String, Double> e : vectors.get(i).entrySet()) {
          dot += e.getValue() * vectors.get(j).getOrDefault(e.getKey(), 0.0);
          ni += e.getValue() * e.getValue();
        }
        for (double w : vectors.get(j).values()) {
          nj += w * w;
        }
        cos[i * n + j] = ni > 0 && nj > 0 ? dot / Math.sqrt(ni * nj) : 0;
      }
    }
    return cos;
  }

  @Test
  void plainTfIdfCosineMatchesTheHandComputedValue() {
    // idf(a) = ln(4/2) + 1, idf(b) = ln(4/3) + 1; s0 = (a, b), s1 = (b, c): cos = b² / (a² + b²)
    double a = Math.log(2) + 1;
    double b = Math.log(4.0 / 3) + 1;
    double[] cos = new LexicalSimilarity(pack(new String[] {"x"}, null), 0, HanUnits.WORDS)
        .cosine(sentences("a b", "b c", "d"), null);
    assertThat(cos[1]).isCloseTo(b * b / (a * a + b * b), within(1e-12));
    assertThat(cos[3]).isCloseTo(cos[1], within(0.0));
    assertThat(cos[2]).isZero();
    assertThat(cos[0]).isEqualTo(1.0);
  }

  @Test
  void frequentWordsCountForLittleWithTheSifFactor() {
    // "the" is 98% of the corpus, "vaccine" and "flu" are rare: sharing "the" is nearly nothing.
    VectorPack pack = pack(new String[] {"the", "vaccine", "flu", "rain"}, new long[] {9800, 50, 50, 100});
    List<Sentence> s = sentences("the vaccine", "the rain", "vaccine flu");
    double[] withSif = new LexicalSimilarity(pack, 1e-3, HanUnits.WORDS).cosine(s, null);
    double[] plain = new LexicalSimilarity(pack, 0, HanUnits.WORDS).cosine(s, null);
    assertThat(withSif[0 * 3 + 1]).isLessThan(0.01); // share only "the"
    assertThat(plain[0 * 3 + 1]).isGreaterThan(0.3);
    assertThat(withSif[0 * 3 + 2]).isGreaterThan(plain[0 * 3 + 2]); // share "vaccine"
  }

  @Test
  void matchesTheDenseFloat64ReferenceOnRandomDocuments() {
    Random random = new Random(7);
    String[] words = new String[30];
    long[] counts = new long[30];
    for (int i = 0; i < words.length; i++) {
      words[i] = "w" + i;
      counts[i] = 1 + random.nextInt(5000);
    }
    VectorPack pack = pack(words, counts);
    for (int trial = 0; trial < 20; trial++) {
      int n = 1 + random.nextInt(12);
      String[] texts = new String[n];
      for (int i = 0; i < n; i++) {
        StringBuilder t = new StringBuilder();
        int len = random.nextInt(9); // empty sentences included
        for (int k = 0; k < len; k++) {
          // ids past 29 have no vector: treated as rare (factor 1)
          t.append(k == 0 ? "" : " ").append("w").append(random.nextInt(36));
        }
        texts[i] = t.toString();
      }
      List<Sentence> s = sentences(texts);
      for (double a : new double[] {0, 1e-3}) {
        double[] expected = reference(s, pack, a);
        double[] actual = new LexicalSimilarity(pack, a, HanUnits.WORDS).cosine(s, null);
        for (int i = 0; i < expected.length; i++) {
          assertThat(actual[i]).as("trial %d cell %d", trial, i).isCloseTo(expected[i], within(1e-12));
        }
      }
    }
  }

  @Test
  void hanCharactersAreTermsOfTheirOwnUnderCharUnits() {
    // The segmenter cut 原告 / 告知 and 判决 / 判 决 differently; characters still match. Latin and
    // digit runs inside a token ("3月", "x1中") stay one term each.
    VectorPack pack = pack(new String[] {"的", "原告", "月"}, new long[] {5000, 40, 300});
    List<Sentence> words = sentences("原告 请求 判决 3月", "原 告知 的 判 决", "x1中 3");
    List<Sentence> chars = sentences("原 告 请 求 判 决 3 月", "原 告 知 的 判 决", "x1 中 3");
    for (double a : new double[] {0, 1e-3}) {
      double[] actual = new LexicalSimilarity(pack, a, HanUnits.CHARS).cosine(words, null);
      double[] expected = reference(chars, pack, a);
      for (int i = 0; i < expected.length; i++) {
        assertThat(actual[i]).as("a %s cell %d", a, i).isCloseTo(expected[i], within(1e-12));
      }
      assertThat(actual[0 * 3 + 1]).isGreaterThan(0.3);
      // as words, the first two sentences share nothing
      assertThat(new LexicalSimilarity(pack, a, HanUnits.WORDS).cosine(words, null)[0 * 3 + 1]).isZero();
    }
  }

  /**
   * Pooling's row lookups give the same doubles as looking the words up here, document after
   * document on one instance (its per-row ids are reset between documents), with words the pack
   * lacks, and under character units where a one-character word is also split out of longer ones.
   */
  @Test
  void givenRowsGiveTheSameBitsAsLookingTheWordsUp() {
    VectorPack pack = pack(new String[] {"a", "b", "c", "的", "中"}, new long[] {900, 40, 3, 5000, 7});
    List<List<Sentence>> docs =
        List.of(
            sentences("a b x", "b c c y", "x y a", "z"),
            sentences("c a", "q a b", "b b b"),
            sentences("中国 的 中", "a 中 x", "的确 中"));
    for (HanUnits han : HanUnits.values()) {
      LexicalSimilarity reused = new LexicalSimilarity(pack, 1e-3, han);
      for (List<Sentence> doc : docs) {
        int[][] rows = new int[doc.size()][];
        for (int i = 0; i < doc.size(); i++) {
          String[] tokens = doc.get(i).tokens();
          rows[i] = new int[tokens.length];
          for (int t = 0; t < tokens.length; t++) {
            rows[i][t] = pack.indexOf(tokens[t]);
          }
        }
        double[] expected = new LexicalSimilarity(pack, 1e-3, han).cosine(doc, null);
        assertThat(reused.cosine(doc, rows)).as("%s %s", han, doc).containsExactly(expected);
        assertThat(reused.cosine(doc, null)).containsExactly(expected);
      }
    }
    // and the values themselves, for the Latin documents, against the dense reference
    double[] actual = new LexicalSimilarity(pack, 1e-3, HanUnits.WORDS).cosine(docs.get(0), null);
    double[] expected = reference(docs.get(0), pack, 1e-3);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).isCloseTo(expected[i], within(1e-12));
    }
  }

  @Test
  void blendingMixesTheTwoGraphsLinearly() {
    SentenceGraph g = SentenceGraphs.of(new float[] {1, 0, 1, 1, 0, 1}, 3, 2);
    double[] other = {1, 0.2, 0.4, 0.2, 1, 0.6, 0.4, 0.6, 1};
    SentenceGraph mixed = g.blend(other, 0.25);
    Set<String> checked = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        assertThat(mixed.cosine(i, j))
            .isCloseTo(0.75 * g.cosine(i, j) + 0.25 * other[i * 3 + j], within(1e-15));
        checked.add(i + "," + j);
      }
    }
    assertThat(checked).hasSize(9);
    assertThat(g.blend(other, 0)).isSameAs(g);
  }
}
