package io.attnsum.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SentenceGraphTest {

  /**
   * The graph from a Gram matrix holds the vectors' cosines to 1e-12, exactly symmetric even when
   * the given matrix is not, and 0 for a zero vector (itself included).
   */
  @Test
  void fromGramIsTheCosineGraphOfTheVectors() {
    Random random = new Random(29);
    int n = 9;
    int dim = 50;
    float[] v = new float[n * dim];
    for (int i = 0; i < v.length; i++) {
      v[i] = i / dim == 4 ? 0f : (float) random.nextGaussian(); // sentence 4: no known token
    }
    double[] gram = new double[n * n];
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        for (int k = 0; k < dim; k++) {
          gram[a * n + b] += (double) v[a * dim + k] * v[b * dim + k];
        }
        if (a > b) {
          gram[a * n + b] *= 1 + 1e-9; // lower triangle off by rounding: must not be read
        }
      }
    }
    SentenceGraph fromGram = SentenceGraph.fromGram(gram, n);
    assertThat(fromGram.size()).isEqualTo(n);
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        assertThat(fromGram.cosine(a, b)).isCloseTo(cosine(v, a, b, dim), within(1e-12));
        assertThat(fromGram.cosine(a, b)).isEqualTo(fromGram.cosine(b, a));
        if (a == 4 || b == 4) {
          assertThat(fromGram.cosine(a, b)).isEqualTo(0.0);
        }
      }
    }
    assertThat(fromGram.cosine(0, 0)).isCloseTo(1.0, within(1e-15));
  }

  /** cos(a, b) of rows of {@code v}, in float64; 0 when either row is zero. */
  private static double cosine(float[] v, int a, int b, int dim) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int k = 0; k < dim; k++) {
      dot += (double) v[a * dim + k] * v[b * dim + k];
      na += (double) v[a * dim + k] * v[a * dim + k];
      nb += (double) v[b * dim + k] * v[b * dim + k];
    }
    return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
  }
}
