package io.attnsum.encode;

import static org.assertj.core.api.Assertions.assertThat;

import io.attnsum.config.ConfigReader;
import io.attnsum.testing.TestSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CorpusWord2VecTest {

  /** Sentences over a Zipf-like vocabulary of 200 words, with topical structure. */
  static List<String[]> corpus(int sentences, long seed) {
    Random rnd = new Random(seed);
    List<String[]> out = new ArrayList<>();
    for (int s = 0; s < sentences; s++) {
      int topic = rnd.nextInt(4);
      String[] tokens = new String[6 + rnd.nextInt(8)];
      for (int i = 0; i < tokens.length; i++) {
        int rank = (int) Math.floor(Math.pow(50, rnd.nextDouble())) - 1; // 0..49, skewed low
        tokens[i] = rnd.nextInt(3) == 0 ? "w" + rank : "t" + topic + "_" + rank;
      }
      out.add(tokens);
    }
    return out;
  }

  private static VectorSettings.Training training(
      VectorSettings.Algorithm algorithm, int negative, long seed) {
    return TestSettings.vectors(
            "vectors.train.algorithm=" + ConfigReader.configName(algorithm),
            "vectors.train.dimensions=24", "vectors.train.window=3", "vectors.train.min-count=2",
            "vectors.train.epochs=2", "vectors.train.negative=" + negative,
            "vectors.train.seed=" + seed, "vectors.train.sample-sentences=1000")
        .train();
  }

  private static void assertBitIdentical(VectorPack a, VectorPack b) {
    assertThat(b.size()).isEqualTo(a.size());
    for (int i = 0; i < a.size(); i++) {
      assertThat(b.word(i)).isEqualTo(a.word(i));
      assertThat(b.count(i)).isEqualTo(a.count(i));
    }
    int[] bitsA = new int[a.data().length];
    int[] bitsB = new int[b.data().length];
    for (int i = 0; i < bitsA.length; i++) {
      bitsA[i] = Float.floatToRawIntBits(a.data()[i]);
      bitsB[i] = Float.floatToRawIntBits(b.data()[i]);
    }
    assertThat(bitsB).isEqualTo(bitsA);
  }

  @Test
  void skipGramWithNegativeSamplingIsBitForBitReproducible() {
    List<String[]> sentences = corpus(800, 7);
    VectorSettings.Training t = training(VectorSettings.Algorithm.SKIPGRAM, 5, 42);
    VectorPack first = CorpusWord2Vec.train(sentences, t);
    VectorPack second = CorpusWord2Vec.train(sentences, t);
    assertBitIdentical(first, second);

    VectorPack otherSeed =
        CorpusWord2Vec.train(sentences, training(VectorSettings.Algorithm.SKIPGRAM, 5, 43));
    assertThat(otherSeed.data()).isNotEqualTo(first.data());
  }

  @Test
  void cbowWithHierarchicalSoftmaxIsBitForBitReproducible() {
    List<String[]> sentences = corpus(800, 11);
    VectorSettings.Training t = training(VectorSettings.Algorithm.CBOW, 0, 5);
    assertBitIdentical(CorpusWord2Vec.train(sentences, t), CorpusWord2Vec.train(sentences, t));
  }

  @Test
  void vocabularyIsTheWordsSeenAtLeastMinCountTimesSortedWithTheirCounts() {
    List<String[]> sentences = corpus(400, 3);
    Map<String, Long> counts = new TreeMap<>();
    for (String[] s : sentences) {
      for (String w : s) {
        counts.merge(w, 1L, Long::sum);
      }
    }
    counts.values().removeIf(c -> c < 2);
    VectorPack pack =
        CorpusWord2Vec.train(sentences, training(VectorSettings.Algorithm.SKIPGRAM, 5, 1));
    String[] words = new String[pack.size()];
    long[] got = new long[pack.size()];
    for (int i = 0; i < pack.size(); i++) {
      words[i] = pack.word(i);
      got[i] = pack.count(i);
    }
    assertThat(words).containsExactly(counts.keySet().toArray(new String[0]));
    assertThat(got)
        .containsExactly(counts.values().stream().mapToLong(Long::longValue).toArray());
    assertThat(pack.dim()).isEqualTo(24);
    assertThat(Arrays.stream(toDoubles(pack.data())).allMatch(Double::isFinite)).isTrue();
  }

  @Test
  void noWordReachingMinCountGivesAnEmptyPack() {
    List<String[]> sentences = List.of(new String[] {"a", "b"}, new String[] {"c"});
    VectorPack pack =
        CorpusWord2Vec.train(sentences, training(VectorSettings.Algorithm.SKIPGRAM, 5, 1));
    assertThat(pack.size()).isZero();
    assertThat(pack.dim()).isEqualTo(24);
  }

  private static double[] toDoubles(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }
}
