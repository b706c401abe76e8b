package io.attnsum.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.attnsum.attention.AttentionKernel;
import io.attnsum.attention.BatchedSelfAttention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The three variants the benchmark compares compute the same thing: each one's pooled vectors
 * and α match a float64 reference written directly from the formulas, so a speed difference in
 * the benchmark is never a difference in work done.
 */
class AttentionVariantsTest {
  private static final AttentionWorkload W = new AttentionWorkload(7, 16, 24, 3);

  @Test
  void workloadLengthsStayInsideOneLengthBucket() {
    for (int len : W.lengths) {
      assertThat(len).isBetween(9, 16);
    }
    // The pooler's padding never exceeds 7 rows, and the workload must exercise some.
    assertThat(java.util.Arrays.stream(W.lengths).min().getAsInt()).isLessThan(16);
  }

  @Test
  void flopCountMatchesTheFormulaForOneSentence() {
    // n = 2, d = 3: 4·4·3 + 6·4 + 4·2·3 + 7·2 = 48 + 24 + 24 + 14
    assertThat(AttentionWorkload.flops(2, 3)).isEqualTo(110.0);
    double sum = 0;
    for (int len : W.lengths) {
      sum += AttentionWorkload.flops(len, W.dim);
    }
    assertThat(W.flops()).isEqualTo(sum);
  }

  /** The batched code with either kernel (benchmarks batchedNd4j and batchedJavaKernel). */
  @ParameterizedTest
  @EnumSource(value = AttentionKernel.class, names = {"ND4J", "JAVA_VECTOR"})
  void batchedMatchesReference(AttentionKernel kernel) {
    float[] pooled = new float[W.batch * W.dim];
    float[] alpha = new float[W.batch * W.tokens];
    try (BatchedSelfAttention attention = new BatchedSelfAttention(kernel)) {
      attention.attendAndPool(W.h, W.rows, W.lengths, null, W.queries, W.noShares, W.bias.clone(),
          W.poolScale, W.batch, W.tokens, W.dim, pooled, alpha);
    }
    assertMatchesReference(pooled, alpha);
  }

  @Test
  void perSentenceNd4jMatchesReference() {
    float[] pooled = new float[W.batch * W.dim];
    float[] alpha = new float[W.batch * W.tokens];
    try (PerSentenceAttention attention = new PerSentenceAttention()) {
      attention.attendAndPool(W, pooled, alpha);
    }
    assertMatchesReference(pooled, alpha);
  }

  @Test
  void plainJavaLoopMatchesReference() {
    float[] pooled = new float[W.batch * W.dim];
    float[] alpha = new float[W.batch * W.tokens];
    new LoopAttention().attendAndPool(W, pooled, alpha);
    assertMatchesReference(pooled, alpha);
  }

  private static void assertMatchesReference(float[] pooled, float[] alpha) {
    for (int b = 0; b < W.batch; b++) {
      double[][] ref = reference(b);
      double[] refPooled = ref[0];
      double[] refAlpha = ref[1];
      for (int j = 0; j < W.dim; j++) {
        assertThat((double) pooled[b * W.dim + j])
            .as("pooled[%d][%d]", b, j)
            .isCloseTo(refPooled[j], within(1e-5));
      }
      for (int t = 0; t < W.lengths[b]; t++) {
        assertThat((double) alpha[b * W.tokens + t])
            .as("alpha[%d][%d]", b, t)
            .isCloseTo(refAlpha[t], within(1e-6));
      }
    }
  }

  /** float64 attention and pooling of sentence {@code b}: {pooled [d], α [n]}. */
  private static double[][] reference(int b) {
    int n = W.lengths[b];
    int d = W.dim;
    double[][] h = new double[n][d];
    for (int t = 0; t < n; t++) {
      for (int j = 0; j < d; j++) {
        h[t][j] = W.h[(b * W.tokens + t) * d + j];
      }
    }
    double[][] attended = new double[n][d];
    for (int i = 0; i < n; i++) {
      double[] s = new double[n];
      for (int k = 0; k < n; k++) {
        for (int j = 0; j < d; j++) {
          s[k] += h[i][j] * h[k][j];
        }
        s[k] /= Math.sqrt(d);
      }
      double[] a = softmax(s);
      for (int k = 0; k < n; k++) {
        for (int j = 0; j < d; j++) {
          attended[i][j] += a[k] * h[k][j];
        }
      }
    }
    double[] logits = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        logits[i] += attended[i][j] * W.queries[b * d + j];
      }
      logits[i] = logits[i] / Math.sqrt(d) + W.bias[b * W.tokens + i];
    }
    double[] alpha = softmax(logits);
    double[] pooled = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        pooled[j] += alpha[i] * attended[i][j];
      }
    }
    return new double[][] {pooled, alpha};
  }

  private static double[] softmax(double[] x) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      max = Math.max(max, v);
    }
    double sum = 0;
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = Math.exp(x[i] - max);
      sum += out[i];
    }
    for (int i = 0; i < x.length; i++) {
      out[i] /= sum;
    }
    return out;
  }
}
