package io.attnsum.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VectorKernelTest {
  private static final int[] DIMS = {1, 3, 7, 8, 9, 16, 100, 300};
  private static final int[] SIZES = {1, 2, 3, 4, 5, 6, 7, 9, 13, 20, 33};

  private static float[] gaussian(Random random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }

  private static double dot64(float[] x, int x0, float[] y, int y0, int dim) {
    double s = 0;
    for (int k = 0; k < dim; k++) {
      s += (double) x[x0 + k] * y[y0 + k];
    }
    return s;
  }

  private static double absDot64(float[] x, int x0, float[] y, int y0, int dim) {
    double s = 0;
    for (int k = 0; k < dim; k++) {
      s += Math.abs((double) x[x0 + k] * y[y0 + k]);
    }
    return s;
  }

  /**
   * Every entry of the Gram block is the specified dot product to the bit (whichever 4 × 2 block
   * and position in it the pair falls in), the block is symmetric, entries outside it are left
   * alone, and each value is within float rounding of float64.
   */
  @Test
  void gramIsItsSpecificationBitForBitSymmetricAndCloseToFloat64() {
    Random random = new Random(11);
    VectorKernel kernel = new VectorKernel();
    for (int dim : DIMS) {
      float[] table = gaussian(random, 50 * dim);
      for (int n : SIZES) {
        int[] offsets = new int[n];
        for (int i = 0; i < n; i++) {
          offsets[i] = random.nextInt(50) * dim; // repeats allowed, as for repeated words
        }
        int stride = n + 3;
        int g0 = 5;
        float[] g = new float[g0 + n * stride + 4];
        Arrays.fill(g, Float.NaN);
        kernel.gram(table, offsets, n, dim, g, g0, stride);
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            float v = g[g0 + i * stride + j];
            assertThat(v)
                .as("dim %d n %d (%d, %d)", dim, n, i, j)
                .isEqualTo(VectorKernel.dotReference(table, offsets[i], table, offsets[j], dim));
            assertThat(v).isEqualTo(g[g0 + j * stride + i]);
            double bound = 1e-6 * absDot64(table, offsets[i], table, offsets[j], dim);
            assertThat((double) v)
                .isCloseTo(dot64(table, offsets[i], table, offsets[j], dim), within(bound));
          }
          for (int j = n; j < stride; j++) {
            assertThat(g[g0 + i * stride + j]).isNaN();
          }
        }
        assertThat(g[g0 - 1]).isNaN();
        assertThat(g[g0 + n * stride]).isNaN();
      }
    }
  }

  /** Row dots with a query from another array: the specification to the bit, close to float64. */
  @Test
  void dotsAreTheSpecificationBitForBitAndCloseToFloat64() {
    Random random = new Random(12);
    VectorKernel kernel = new VectorKernel();
    for (int dim : DIMS) {
      float[] table = gaussian(random, 40 * dim);
      float[] queries = gaussian(random, 3 * dim);
      for (int n : SIZES) {
        int[] offsets = new int[n];
        for (int i = 0; i < n; i++) {
          offsets[i] = random.nextInt(40) * dim;
        }
        float[] out = new float[n + 2];
        Arrays.fill(out, Float.NaN);
        kernel.dots(table, offsets, n, dim, queries, dim, out, 1);
        for (int t = 0; t < n; t++) {
          float v = out[1 + t];
          assertThat(v).isEqualTo(VectorKernel.dotReference(table, offsets[t], queries, dim, dim));
          double bound = 1e-6 * absDot64(table, offsets[t], queries, dim, dim);
          assertThat((double) v)
              .isCloseTo(dot64(table, offsets[t], queries, dim, dim), within(bound));
        }
        assertThat(out[0]).isNaN();
        assertThat(out[n + 1]).isNaN();
      }
    }
  }

  /**
   * The specification itself is a fixed summation order, not float64 in disguise: on values whose
   * float sums round, it differs from a plain sequential float loop somewhere, and equals the
   * eight-lane order written out by hand on a small case.
   */
  @Test
  void specificationIsTheEightLaneOrder() {
    float[] x = new float[20];
    float[] y = new float[20];
    for (int k = 0; k < 20; k++) {
      x[k] = 1f + k / 3f;
      y[k] = 1f / (k + 1);
    }
    float[] lane = new float[8];
    for (int k = 0; k < 16; k++) {
      lane[k % 8] = Math.fma(x[k], y[k], lane[k % 8]);
    }
    float expected = ((lane[0] + lane[1]) + (lane[2] + lane[3]))
        + ((lane[4] + lane[5]) + (lane[6] + lane[7]));
    for (int k = 16; k < 20; k++) {
      expected = Math.fma(x[k], y[k], expected);
    }
    assertThat(VectorKernel.dotReference(x, 0, y, 0, 20)).isEqualTo(expected);
    Random random = new Random(3);
    boolean differs = false;
    for (int round = 0; round < 50 && !differs; round++) {
      float[] a = gaussian(random, 300);
      float[] b = gaussian(random, 300);
      float sequential = 0;
      for (int k = 0; k < 300; k++) {
        sequential = Math.fma(a[k], b[k], sequential);
      }
      differs = sequential != VectorKernel.dotReference(a, 0, b, 0, 300);
    }
    assertThat(differs).isTrue();
  }

  /** The tests' JVM has the module (the surefire argLine adds it), so auto picks the Java kernel. */
  @Test
  void autoResolvesToTheJavaKernelOnTheCpuBackendWithTheModule() {
    assertThat(AttentionKernel.vectorApiAvailable()).isTrue();
    assertThat(AttentionKernel.AUTO.resolve()).isEqualTo(AttentionKernel.JAVA_VECTOR);
    assertThat(AttentionKernel.JAVA_VECTOR.resolve()).isEqualTo(AttentionKernel.JAVA_VECTOR);
    assertThat(AttentionKernel.ND4J.resolve()).isEqualTo(AttentionKernel.ND4J);
  }
}
