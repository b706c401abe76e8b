package io.attnsum.attention;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Written by hand for speed: about half ND4J's time for the attention's small products on the CPU.
 *
 * <p>The attention's dot products, H·Hᵀ of one window and H·q, in Java with the JDK's Vector API
 * (module {@code jdk.incubator.vector}), reading the rows straight from the vector table.
 *
 * <p>Why not ND4J here: a window's H·Hᵀ is a [n, d] × [d, n] product with n ≈ 8–40. ND4J's
 * batched matmul hands each batch element to OpenBLAS's {@code sgemm}, which spends most of its
 * time packing such small operands (in a {@code perf} profile of the stage, the multiply kernel
 * takes 9.8% and packing 31%), and the batch must first be gathered into an ND4J
 * buffer and downloaded again. Register-blocked FMA over the table rows, using that the product
 * is symmetric, does the same work in about half the time at these sizes (see {@code
 * job/BENCHMARKS.md}). ND4J keeps the product on the CUDA backend, and wherever this module is
 * not available ({@link AttentionKernel}).
 *
 * <p>Every dot product is defined the same way, so results do not depend on the block a pair falls
 * in, on the JIT tier (the Vector API's fallback does each lane with {@link Math#fma}, the same
 * rounding as the intrinsic) or on the CPU's vector width: eight lanes, lane l accumulating {@code
 * x[8c + l] · y[8c + l]} over c in order with a fused multiply-add; when 8 does not divide d,
 * the last eight floats once more with the lanes already covered multiplied by 0 (so the last
 * {@code d mod 8} floats land in the top lanes, with no scalar tail); then the lanes summed as
 * {@code ((l0 + l1) + (l2 + l3)) + ((l4 + l5) + (l6 + l7))} (the tests' {@code KernelReference}
 * spells it out in scalar code).
 */
final class VectorKernel {
  /** Eight float lanes on every CPU, so the lane sums (and the bits) are the same everywhere. */
  static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;

  private static final int LANES = 8;
  private final float[] lanes = new float[LANES];
  /** Four double lanes on every CPU, for the same reason as {@link #SPECIES}. */
  static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_256;

  private static final int DOUBLE_LANES = 4;
  private double[] widened = new double[0]; // a block's rows in float64, stride padded to 4
  private final double[] doubleLanes = new double[DOUBLE_LANES];
  // One softmax row, its multiplicities and its terms, padded to whole vectors.
  private float[] scoreRow = new float[LANES];
  private float[] weightRow = new float[LANES];
  private float[] termRow = new float[LANES];
  // The tail mask of the last dimension seen (one per pack in practice), made once, not per window.
  private int maskDim = -1;
  private FloatVector cachedMask;

  /**
   * The Gram matrix of n rows: {@code g[g0 + i·stride + j] = g[g0 + j·stride + i] = row_i ·
   * row_j} for i, j &lt; n, where row i is {@code dim} floats of {@code table} from {@code
   * offsets[i]}. Other entries of g are left as they are.
   */
  void gram(float[] table, int[] offsets, int n, int dim, float[] g, int g0, int stride) {
    if (dim < LANES) {
      gramScalar(table, offsets, n, dim, g, g0, stride);
      return;
    }
    int vectorEnd = dim - dim % LANES;
    int tail = dim - LANES; // the last eight floats; the tail mask keeps those past vectorEnd
    FloatVector mask = tailMask(dim);
    int last = n - 1;
    // Blocks of 4 rows i × 2 rows j on and below the diagonal; rows past n repeat the last row
    // (the inner loop stays branch-free) and their products are not stored.
    for (int i = 0; i < n; i += 4) {
      int a0 = offsets[i];
      int a1 = offsets[Math.min(i + 1, last)];
      int a2 = offsets[Math.min(i + 2, last)];
      int a3 = offsets[Math.min(i + 3, last)];
      for (int j = 0; j <= Math.min(i + 3, last); j += 2) {
        int b0 = offsets[j];
        int b1 = offsets[Math.min(j + 1, last)];
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        for (int k = 0; k < vectorEnd; k += LANES) {
          FloatVector x0 = FloatVector.fromArray(SPECIES, table, b0 + k);
          FloatVector x1 = FloatVector.fromArray(SPECIES, table, b1 + k);
          FloatVector y = FloatVector.fromArray(SPECIES, table, a0 + k);
          c00 = y.fma(x0, c00);
          c01 = y.fma(x1, c01);
          y = FloatVector.fromArray(SPECIES, table, a1 + k);
          c10 = y.fma(x0, c10);
          c11 = y.fma(x1, c11);
          y = FloatVector.fromArray(SPECIES, table, a2 + k);
          c20 = y.fma(x0, c20);
          c21 = y.fma(x1, c21);
          y = FloatVector.fromArray(SPECIES, table, a3 + k);
          c30 = y.fma(x0, c30);
          c31 = y.fma(x1, c31);
        }
        // The tail is the loop body once more, masked: a helper cannot hand back eight
        // accumulators without boxing them, and a mask inside the loop would cost every step.
        if (mask != null) {
          FloatVector x0 = FloatVector.fromArray(SPECIES, table, b0 + tail);
          FloatVector x1 = FloatVector.fromArray(SPECIES, table, b1 + tail);
          FloatVector y = FloatVector.fromArray(SPECIES, table, a0 + tail).mul(mask);
          c00 = y.fma(x0, c00);
          c01 = y.fma(x1, c01);
          y = FloatVector.fromArray(SPECIES, table, a1 + tail).mul(mask);
          c10 = y.fma(x0, c10);
          c11 = y.fma(x1, c11);
          y = FloatVector.fromArray(SPECIES, table, a2 + tail).mul(mask);
          c20 = y.fma(x0, c20);
          c21 = y.fma(x1, c21);
          y = FloatVector.fromArray(SPECIES, table, a3 + tail).mul(mask);
          c30 = y.fma(x0, c30);
          c31 = y.fma(x1, c31);
        }
        store(c00, g, g0, stride, i, j, n);
        store(c01, g, g0, stride, i, j + 1, n);
        store(c10, g, g0, stride, i + 1, j, n);
        store(c11, g, g0, stride, i + 1, j + 1, n);
        store(c20, g, g0, stride, i + 2, j, n);
        store(c21, g, g0, stride, i + 2, j + 1, n);
        store(c30, g, g0, stride, i + 3, j, n);
        store(c31, g, g0, stride, i + 3, j + 1, n);
      }
    }
  }

  private void store(FloatVector c, float[] g, int g0, int stride, int i, int j, int n) {
    if (i >= n || j >= n) {
      return;
    }
    float s = laneSum(c);
    g[g0 + i * stride + j] = s;
    g[g0 + j * stride + i] = s;
  }

  /**
   * {@code out[o0 + t] = row_t · q} for t &lt; n, row t at {@code offsets[t]} of {@code table}
   * and q at {@code q0} of {@code q}; four rows per pass over q.
   */
  void dots(float[] table, int[] offsets, int n, int dim, float[] q, int q0, float[] out, int o0) {
    if (dim < LANES) {
      for (int t = 0; t < n; t++) {
        out[o0 + t] = shortDot(table, offsets[t], q, q0, dim);
      }
      return;
    }
    int vectorEnd = dim - dim % LANES;
    int tail = dim - LANES;
    FloatVector mask = tailMask(dim);
    int last = n - 1;
    for (int t = 0; t < n; t += 4) {
      int a0 = offsets[t];
      int a1 = offsets[Math.min(t + 1, last)];
      int a2 = offsets[Math.min(t + 2, last)];
      int a3 = offsets[Math.min(t + 3, last)];
      FloatVector c0 = FloatVector.zero(SPECIES);
      FloatVector c1 = c0;
      FloatVector c2 = c0;
      FloatVector c3 = c0;
      for (int k = 0; k < vectorEnd; k += LANES) {
        FloatVector x = FloatVector.fromArray(SPECIES, q, q0 + k);
        c0 = FloatVector.fromArray(SPECIES, table, a0 + k).fma(x, c0);
        c1 = FloatVector.fromArray(SPECIES, table, a1 + k).fma(x, c1);
        c2 = FloatVector.fromArray(SPECIES, table, a2 + k).fma(x, c2);
        c3 = FloatVector.fromArray(SPECIES, table, a3 + k).fma(x, c3);
      }
      if (mask != null) {
        FloatVector x = FloatVector.fromArray(SPECIES, q, q0 + tail);
        c0 = FloatVector.fromArray(SPECIES, table, a0 + tail).mul(mask).fma(x, c0);
        c1 = FloatVector.fromArray(SPECIES, table, a1 + tail).mul(mask).fma(x, c1);
        c2 = FloatVector.fromArray(SPECIES, table, a2 + tail).mul(mask).fma(x, c2);
        c3 = FloatVector.fromArray(SPECIES, table, a3 + tail).mul(mask).fma(x, c3);
      }
      out[o0 + t] = laneSum(c0);
      if (t + 1 < n) {
        out[o0 + t + 1] = laneSum(c1);
      }
      if (t + 2 < n) {
        out[o0 + t + 2] = laneSum(c2);
      }
      if (t + 3 < n) {
        out[o0 + t + 3] = laneSum(c3);
      }
    }
  }

  /**
   * Rows 0..len−1 of one window's A from its raw scores, the same quantity as {@link
   * BatchedSelfAttention#softmaxRows}: {@code a[r, j] = m_j · e^(scale · (g[r, j] − max_r)) /
   * Σ_k m_k · e^(scale · (g[r, k] − max_r))}, eight keys at a time. Each row is copied into a
   * scratch row padded with −∞ (multiplicity 0) to whole vectors, so no lane reads outside the
   * window; the row's sum is eight lane sums added in the fixed tree order; the exponential is
   * {@link #exp}. Rows are {@code tokens} apart from {@code a0}; other entries are left alone.
   */
  void softmaxRows(
      float[] g, float[] a, int a0, int len, int tokens, float scale, float[] mult, int m0) {
    int padded = (len + LANES - 1) / LANES * LANES;
    if (scoreRow.length < padded) {
      scoreRow = new float[padded];
      weightRow = new float[padded];
      termRow = new float[padded];
    }
    float[] s = scoreRow;
    float[] m = weightRow;
    float[] e = termRow;
    System.arraycopy(mult, m0, m, 0, len);
    Arrays.fill(m, len, padded, 0f);
    Arrays.fill(s, len, padded, Float.NEGATIVE_INFINITY);
    for (int r = 0; r < len; r++) {
      int row = a0 + r * tokens;
      System.arraycopy(g, row, s, 0, len);
      FloatVector max = FloatVector.fromArray(SPECIES, s, 0);
      for (int j = LANES; j < padded; j += LANES) {
        max = max.max(FloatVector.fromArray(SPECIES, s, j));
      }
      float rowMax = max.reduceLanes(VectorOperators.MAX); // exact: any order gives the same
      FloatVector sum = FloatVector.zero(SPECIES);
      for (int j = 0; j < padded; j += LANES) {
        // (g − max) · scale ≤ 0, exactly 0 for the largest score, −∞ on the padding
        FloatVector x = FloatVector.fromArray(SPECIES, s, j).sub(rowMax).mul(scale);
        FloatVector t = exp(x).mul(FloatVector.fromArray(SPECIES, m, j));
        t.intoArray(e, j);
        sum = sum.add(t);
      }
      float inverse = 1f / laneSum(sum); // ≥ 1: the largest score contributes m · e^0
      for (int j = 0; j < padded; j += LANES) {
        FloatVector.fromArray(SPECIES, e, j).mul(inverse).intoArray(e, j);
      }
      System.arraycopy(e, 0, a, row, len);
    }
  }

  private static final float LOG2_E = (float) (1 / Math.log(2));
  /** ln 2 in two parts (Cody and Waite): the high part's 12 bits make k · LN2_HIGH exact. */
  private static final float LN2_HIGH = 0.693145751953125f;
  private static final float LN2_LOW = (float) (Math.log(2) - 0.693145751953125);
  /** 1.5 · 2^23: adding it rounds to an integer, which then sits in the low bits. */
  private static final float ROUNDER = 12582912f;
  private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
  private static final float[] TAYLOR = {
    1f / 5040, 1f / 720, 1f / 120, 1f / 24, 1f / 6, 1f / 2, 1f, 1f
  };
  private static final FloatVector ZERO = FloatVector.zero(SPECIES);

  /**
   * e^x lane by lane for x ≤ 0 (−∞ included): 0 below −87.3, where e^x is below float's normal
   * range; else x = k ln 2 + r with |r| ≤ ln 2 / 2, e^r by its Taylor series to r^7 (truncation
   * below 6e-9 relative) in fused multiply-adds, and 2^k from its exponent bits. No table, so no
   * gather; pure float arithmetic lane by lane, so the same bits from the intrinsic and from the
   * Vector API's Java fallback. Checked against {@link Math#exp} in the tests.
   */
  static FloatVector exp(FloatVector x) {
    FloatVector biased = x.mul(LOG2_E).add(ROUNDER); // ROUNDER + k, k = round(x / ln 2)
    FloatVector k = biased.sub(ROUNDER);
    FloatVector r = x.sub(k.mul(LN2_HIGH)).sub(k.mul(LN2_LOW));
    FloatVector p = r.mul(TAYLOR[0]).add(TAYLOR[1]);
    for (int i = 2; i < TAYLOR.length; i++) {
      p = p.fma(r, FloatVector.broadcast(SPECIES, TAYLOR[i]));
    }
    IntVector exponent =
        biased.reinterpretAsInts().sub(ROUNDER_BITS - 127).lanewise(VectorOperators.LSHL, 23);
    FloatVector e = p.mul(exponent.reinterpretAsFloats());
    return e.blend(ZERO, x.compare(VectorOperators.LT, -87.3f));
  }

  /**
   * The float64 Gram matrix of a block of float rows, {@code [rows, rows]} row-major (the sentence
   * graph's dot products, see {@link BatchedGram}): each row widened to float64 once (exact) with
   * its length padded to a multiple of four with zeros (adding 0 · 0 changes no sum), then for
   * each pair on and below the
   * diagonal four lanes, lane l accumulating {@code x[4c + l] · y[4c + l]} over c in order with a
   * fused multiply-add, summed as {@code (l0 + l1) + (l2 + l3)}; mirrored above the diagonal.
   *
   * @param block row-major {@code [rows, dim]} (a longer array is fine)
   */
  double[] gram64(float[] block, int rows, int dim) {
    int stride = (dim + DOUBLE_LANES - 1) / DOUBLE_LANES * DOUBLE_LANES;
    if (widened.length < rows * stride) {
      widened = new double[rows * stride];
    }
    double[] w = widened;
    for (int r = 0; r < rows; r++) {
      for (int k = 0; k < dim; k++) {
        w[r * stride + k] = block[r * dim + k];
      }
      Arrays.fill(w, r * stride + dim, (r + 1) * stride, 0.0);
    }
    double[] g = new double[rows * rows];
    for (int i = 0; i < rows; i++) {
      int a = i * stride;
      int j = 0;
      for (; j + 2 <= i + 1; j += 2) {
        int b0 = j * stride;
        int b1 = b0 + stride;
        DoubleVector c0 = DoubleVector.zero(DOUBLES);
        DoubleVector c1 = c0;
        for (int k = 0; k < stride; k += DOUBLE_LANES) {
          DoubleVector x = DoubleVector.fromArray(DOUBLES, w, a + k);
          c0 = x.fma(DoubleVector.fromArray(DOUBLES, w, b0 + k), c0);
          c1 = x.fma(DoubleVector.fromArray(DOUBLES, w, b1 + k), c1);
        }
        g[i * rows + j] = laneSum(c0);
        g[i * rows + j + 1] = laneSum(c1);
      }
      for (; j <= i; j++) {
        int b0 = j * stride;
        DoubleVector c0 = DoubleVector.zero(DOUBLES);
        for (int k = 0; k < stride; k += DOUBLE_LANES) {
          c0 = DoubleVector.fromArray(DOUBLES, w, a + k)
              .fma(DoubleVector.fromArray(DOUBLES, w, b0 + k), c0);
        }
        g[i * rows + j] = laneSum(c0);
      }
    }
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < i; j++) {
        g[j * rows + i] = g[i * rows + j];
      }
    }
    return g;
  }

  private double laneSum(DoubleVector c) {
    double[] l = doubleLanes;
    c.intoArray(l, 0);
    return (l[0] + l[1]) + (l[2] + l[3]);
  }

  /** The lane sum of an accumulator in the fixed tree order. */
  private float laneSum(FloatVector c) {
    float[] l = lanes;
    c.intoArray(l, 0);
    return ((l[0] + l[1]) + (l[2] + l[3])) + ((l[4] + l[5]) + (l[6] + l[7]));
  }

  /**
   * For a dimension that is not a multiple of 8, the multiplier of the last eight floats: 0 on
   * the lanes the full chunks covered already, 1 on the rest (exact: x · 1 = x, and x · 0 adds
   * nothing); null when there is no remainder.
   */
  private FloatVector tailMask(int dim) {
    if (dim != maskDim) {
      cachedMask = newTailMask(dim);
      maskDim = dim;
    }
    return cachedMask;
  }

  private static FloatVector newTailMask(int dim) {
    int remainder = dim % LANES;
    if (remainder == 0) {
      return null;
    }
    float[] m = new float[LANES];
    for (int l = LANES - remainder; l < LANES; l++) {
      m[l] = 1f;
    }
    return FloatVector.fromArray(SPECIES, m, 0);
  }

  private static void gramScalar(
      float[] table, int[] offsets, int n, int dim, float[] g, int g0, int stride) {
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        float s = shortDot(table, offsets[i], table, offsets[j], dim);
        g[g0 + i * stride + j] = s;
        g[g0 + j * stride + i] = s;
      }
    }
  }

  /** Below eight dimensions a dot product is the plain sequential chain of fused multiply-adds. */
  private static float shortDot(float[] x, int x0, float[] y, int y0, int dim) {
    float s = 0;
    for (int k = 0; k < dim; k++) {
      s = Math.fma(x[x0 + k], y[y0 + k], s);
    }
    return s;
  }
}
