package io.attnsum.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.nio.FloatBuffer;
import java.util.Random;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

/** The Java loops of the forward pass against float64 references. */
class LayerKernelsTest {
  @Test
  void erfIsWithinItsStatedErrorEverywhere() {
    double worst = 0;
    for (double x = -8; x <= 8; x += 1e-4) {
      worst = Math.max(worst, Math.abs(LayerKernels.erf((float) x) - Erf.erf((float) x)));
    }
    assertThat(worst).isLessThan(4e-7);
    assertThat(LayerKernels.erf(0f)).isZero();
    assertThat(LayerKernels.erf(-1e30f)).isEqualTo(-1f, offset(1e-7f));
  }

  @Test
  void biasGeluMatchesTheExactGelu() {
    int cols = 13;
    float[] x = gaussian(new Random(1), 7 * cols, 3);
    float[] bias = gaussian(new Random(2), cols, 1);
    FloatBuffer buffer = FloatBuffer.wrap(x.clone());
    LayerKernels.biasGelu(buffer, x.length / cols, cols, bias, new float[cols]);
    for (int i = 0; i < x.length; i++) {
      double v = (double) x[i] + bias[i % cols];
      double gelu = v * 0.5 * (1 + Erf.erf(v / Math.sqrt(2)));
      assertThat((double) buffer.get(i)).isCloseTo(gelu, offset(
          4e-6 * Math.max(1, Math.abs(v))));
    }
  }

  @Test
  void biasResidualNormIsLayerNormOfTheSum() {
    int rows = 5;
    int cols = 24;
    Random r = new Random(2);
    float[] y = gaussian(r, rows * cols, 2);
    float[] x = gaussian(r, rows * cols, 2);
    float[] bias = gaussian(r, cols, 1);
    float[] gamma = gaussian(r, cols, 1);
    float[] beta = gaussian(r, cols, 1);
    FloatBuffer residual = FloatBuffer.wrap(x.clone());
    LayerKernels.biasResidualNorm(FloatBuffer.wrap(y), residual, rows, cols, bias, gamma, beta,
        1e-12f, new float[cols], new float[cols]);
    for (int row = 0; row < rows; row++) {
      double[] v = new double[cols];
      double mean = 0;
      for (int c = 0; c < cols; c++) {
        v[c] = (double) y[row * cols + c] + bias[c] + x[row * cols + c];
        mean += v[c] / cols;
      }
      double var = 0;
      for (int c = 0; c < cols; c++) {
        var += (v[c] - mean) * (v[c] - mean) / cols;
      }
      for (int c = 0; c < cols; c++) {
        double want = (v[c] - mean) / Math.sqrt(var + 1e-12) * gamma[c] + beta[c];
        assertThat((double) residual.get(row * cols + c))
            .isCloseTo(want, offset(1e-5));
      }
    }
  }

  @Test
  void maskedSoftmaxWeighsOnlyRealKeys() {
    int heads = 2;
    int length = 8;
    int[] lengths = {3, 8, 5};
    Random r = new Random(3);
    float[] scores = gaussian(r, lengths.length * heads * length * length, 4);
    FloatBuffer buffer = FloatBuffer.wrap(scores.clone());
    // sentences 1 and 2 of the three, as a group
    LayerKernels.maskedSoftmax(buffer, lengths, 1, 2, heads, length, new float[length]);
    for (int s = 0; s < 2; s++) {
      int len = lengths[1 + s];
      for (int h = 0; h < heads; h++) {
        for (int i = 0; i < length; i++) {
          int o = ((s * heads + h) * length + i) * length;
          double max = Double.NEGATIVE_INFINITY;
          for (int j = 0; j < len; j++) {
            max = Math.max(max, scores[o + j]);
          }
          double sum = 0;
          for (int j = 0; j < len; j++) {
            sum += Math.exp(scores[o + j] - max);
          }
          for (int j = 0; j < length; j++) {
            double want = i < len && j < len ? Math.exp(scores[o + j] - max) / sum : 0;
            assertThat((double) buffer.get(o + j)).isCloseTo(want,
                offset(1e-6));
            if (want == 0) {
              assertThat(buffer.get(o + j)).isZero();
            }
          }
        }
      }
    }
  }

  @Test
  void splitThenMergeRestoresTheBiasedRowsOfPackedSentences() {
    int heads = 3;
    int headSize = 2;
    int hidden = heads * headSize;
    int[] lengths = {2, 4, 3};
    int[] offsets = {0, 2, 6, 9};
    Random r = new Random(4);
    float[] qkv = gaussian(r, 9 * 3 * hidden, 1);
    float[] bias = gaussian(r, 3 * hidden, 1);
    int length = 4;
    int count = 2; // sentences 1 and 2
    FloatBuffer q = FloatBuffer.allocate(count * heads * length * headSize);
    FloatBuffer k = FloatBuffer.allocate(q.capacity());
    FloatBuffer v = FloatBuffer.allocate(q.capacity());
    LayerKernels.splitHeads(FloatBuffer.wrap(qkv), bias, lengths, offsets, 1, count, length, heads,
        headSize, q, k, v, new float[3 * hidden]);
    // q[s, h, t, d] = qkv[token, h·headSize + d] + bias, zero past the sentence's length
    for (int s = 0; s < count; s++) {
      for (int h = 0; h < heads; h++) {
        for (int t = 0; t < length; t++) {
          for (int d = 0; d < headSize; d++) {
            int at = ((s * heads + h) * length + t) * headSize + d;
            int token = offsets[1 + s] + t;
            boolean real = t < lengths[1 + s];
            int col = h * headSize + d;
            assertThat(q.get(at)).isEqualTo(real ? qkv[token * 3 * hidden + col] + bias[col] : 0f);
            assertThat(k.get(at)).isEqualTo(
                real ? qkv[token * 3 * hidden + hidden + col] + bias[hidden + col] : 0f);
            assertThat(v.get(at)).isEqualTo(
                real ? qkv[token * 3 * hidden + 2 * hidden + col] + bias[2 * hidden + col] : 0f);
          }
        }
      }
    }
    FloatBuffer merged = FloatBuffer.allocate(9 * hidden);
    LayerKernels.mergeHeads(q, lengths, offsets, 1, count, length, heads, headSize, merged,
        new float[hidden]);
    for (int token = 0; token < 9; token++) {
      for (int c = 0; c < hidden; c++) {
        float want = token < 2 ? 0f : qkv[token * 3 * hidden + c] + bias[c];
        assertThat(merged.get(token * hidden + c)).isEqualTo(want);
      }
    }
  }

  private static float[] gaussian(Random r, int n, double scale) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (r.nextGaussian() * scale);
    }
    return a;
  }
}
