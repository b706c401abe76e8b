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

  /** Offsets of n rows drawn from a table of {@code rows} (repeats allowed, as for repeated words). */
  private static int[] randomRows(Random random, int n, int rows, int dim) {
    int[] offsets = new int[n];
    for (int i = 0; i < n; i++) {
      offsets[i] = random.nextInt(rows) * dim;
    }
    return offsets;
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
        int[] offsets = randomRows(random, n, 50, dim);
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
                .isEqualTo(KernelReference.dot(table, offsets[i], table, offsets[j], dim));
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
        int[] offsets = randomRows(random, n, 40, dim);
        float[] out = new float[n + 2];
        Arrays.fill(out, Float.NaN);
        kernel.dots(table, offsets, n, dim, queries, dim, out, 1);
        for (int t = 0; t < n; t++) {
          float v = out[1 + t];
          assertThat(v).isEqualTo(KernelReference.dot(table, offsets[t], queries, dim, dim));
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
    assertThat(KernelReference.dot(x, 0, y, 0, 20)).isEqualTo(expected);
    Random random = new Random(3);
    boolean differs = false;
    for (int round = 0; round < 50 && !differs; round++) {
      float[] a = gaussian(random, 300);
      float[] b = gaussian(random, 300);
      float sequential = 0;
      for (int k = 0; k < 300; k++) {
        sequential = Math.fma(a[k], b[k], sequential);
      }
      differs = sequential != KernelReference.dot(a, 0, b, 0, 300);
    }
    assertThat(differs).isTrue();
  }

  /** The vector exponential is within 2 ulp of Math.exp over [−87.3, 0], and 0 below and at −∞. */
  @Test
  void expIsWithinTwoUlpOfMathExp() {
    float[] xs = new float[VectorKernel.SPECIES.length()];
    float[] out = new float[xs.length];
    double worst = 0;
    int n = 0;
    for (int bits = Float.floatToRawIntBits(-87.3f); ; bits -= 97) {
      float x = Float.intBitsToFloat(bits);
      if (bits < 0 && x > -87.3f) { // negative floats: smaller bit patterns are closer to 0
        xs[n++] = x;
      }
      boolean done = bits <= Integer.MIN_VALUE + 97;
      if (n == xs.length || done) {
        VectorKernel.exp(jdk.incubator.vector.FloatVector.fromArray(VectorKernel.SPECIES, xs, 0))
            .intoArray(out, 0);
        for (int i = 0; i < n; i++) {
          double exact = Math.exp(xs[i]);
          double ulps = Math.abs(out[i] - exact) / Math.ulp((float) exact);
          worst = Math.max(worst, ulps);
          if (ulps > 2.0) {
            org.assertj.core.api.Assertions.fail("e^%s: %s ulps", xs[i], ulps);
          }
        }
        n = 0;
      }
      if (done) {
        break;
      }
    }
    assertThat(worst).isGreaterThan(0); // it did compare something
    float[] edge = {0f, -0f, -87.31f, -100f, Float.NEGATIVE_INFINITY, -1e-30f, -1f, -87.29f};
    VectorKernel.exp(jdk.incubator.vector.FloatVector.fromArray(VectorKernel.SPECIES, edge, 0))
        .intoArray(out, 0);
    assertThat(out[0]).isEqualTo(1f);
    assertThat(out[1]).isEqualTo(1f);
    assertThat(out[2]).isEqualTo(0f);
    assertThat(out[3]).isEqualTo(0f);
    assertThat(out[4]).isEqualTo(0f);
    assertThat(out[5]).isEqualTo(1f);
    assertThat((double) out[6]).isCloseTo(Math.exp(-1), within(1e-7));
    assertThat(out[7]).isPositive();
  }

  /**
   * The vector softmax over a window's real keys: close to float64 with multiplicities, rows sum to
   * one over m · a, entries past len and outside the rows untouched, and the same bits whatever
   * the row's neighbours hold (padding never enters).
   */
  @Test
  void softmaxRowsMatchFloat64AndIgnoreEverythingOutsideTheWindow() {
    Random random = new Random(21);
    VectorKernel kernel = new VectorKernel();
    for (int len : new int[] {1, 2, 7, 8, 9, 16, 17, 33}) {
      int tokens = len + 3;
      float[] g = new float[tokens * tokens + 5];
      for (int i = 0; i < g.length; i++) {
        g[i] = (float) (random.nextGaussian() * 30);
      }
      float[] mult = new float[tokens + 2];
      for (int j = 0; j < mult.length; j++) {
        mult[j] = 1 + random.nextInt(3);
      }
      float scale = 0.057f;
      float[] a = new float[g.length];
      java.util.Arrays.fill(a, Float.NaN);
      kernel.softmaxRows(g, a, 2, len, tokens, scale, mult, 1);
      float[] g2 = g.clone();
      for (int r = 0; r < len; r++) {
        for (int j = len; j < tokens && 2 + r * tokens + j < g2.length; j++) {
          g2[2 + r * tokens + j] = 1e30f; // padding and neighbours: never read
        }
      }
      float[] a2 = new float[g.length];
      kernel.softmaxRows(g2, a2, 2, len, tokens, scale, mult, 1);
      for (int r = 0; r < len; r++) {
        int row = 2 + r * tokens;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < len; j++) {
          max = Math.max(max, g[row + j]);
        }
        double sum = 0;
        for (int j = 0; j < len; j++) {
          sum += mult[1 + j] * Math.exp(scale * ((double) g[row + j] - max));
        }
        double total = 0;
        for (int j = 0; j < len; j++) {
          double ref = mult[1 + j] * Math.exp(scale * ((double) g[row + j] - max)) / sum;
          assertThat((double) a[row + j]).isCloseTo(ref, within(2e-6 * Math.max(ref, 1e-3)));
          assertThat(a2[row + j]).isEqualTo(a[row + j]);
          total += a[row + j];
        }
        assertThat(total).isCloseTo(1.0, within(1e-5));
        for (int j = len; j < tokens && row + j < a.length; j++) {
          assertThat(a[row + j]).isNaN();
        }
      }
      assertThat(a[0]).isNaN();
      assertThat(a[1]).isNaN();
    }
  }

  /** The float64 Gram of float rows: its specification to the bit, symmetric, close to float64. */
  @Test
  void gram64IsItsSpecificationBitForBitAndSymmetric() {
    Random random = new Random(13);
    VectorKernel kernel = new VectorKernel();
    for (int dim : new int[] {1, 3, 4, 7, 100, 301}) {
      for (int n : new int[] {0, 1, 2, 3, 5, 28}) {
        float[] block = gaussian(random, n * dim + 3);
        double[] g = kernel.gram64(block, n, dim);
        assertThat(g).hasSize(n * n);
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            assertThat(g[i * n + j])
                .as("dim %d n %d (%d, %d)", dim, n, i, j)
                .isEqualTo(KernelReference.dot64(block, i * dim, block, j * dim, dim))
                .isEqualTo(g[j * n + i]);
            double exact = dot64(block, i * dim, block, j * dim, dim);
            assertThat(g[i * n + j]).isCloseTo(exact, within(1e-12 * (1 + Math.abs(exact))));
          }
        }
      }
    }
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
