package io.attnsum.attention;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The attention's dot products, H·Hᵀ of one window and H·q, in Java with the JDK's Vector API
 * (module {@code jdk.incubator.vector}), reading the rows straight from the vector table.
 *
 * <p>Why not ND4J here: a window's H·Hᵀ is a [n, d] × [d, n] product with n ≈ 8–40. ND4J's
 * batched matmul hands each batch element to OpenBLAS's {@code sgemm}, which spends most of its
 * time packing such small operands (the fourth session's {@code perf} profile: the multiply
 * kernel 9.8% of the stage, packing 31%), and the batch must first be gathered into an ND4J
 * buffer and downloaded again. Register-blocked FMA over the table rows, using that the product
 * is symmetric, does the same work in about half the time at these sizes (see {@code
 * job/BENCHMARKS.md}). ND4J keeps the product on the CUDA backend, and wherever this module is
 * not available ({@link AttentionKernel}).
 *
 * <p>Every dot product is defined the same way, so results do not depend on the block a pair falls
 * in, on the JIT tier (the Vector API's fallback does each lane with {@link Math#fma}, the same
 * rounding as the intrinsic) or on the CPU's vector width: eight lanes, lane l accumulating {@code
 * x[8c + l] · y[8c + l]} over c in order with a fused multiply-add, the lanes summed as {@code
 * ((l0 + l1) + (l2 + l3)) + ((l4 + l5) + (l6 + l7))}, then the {@code d mod 8} tail terms fused
 * in order ({@link #dotReference} spells it out in scalar code).
 */
final class VectorKernel {
  /** Eight float lanes on every CPU, so the lane sums (and the bits) are the same everywhere. */
  static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;

  private static final int LANES = 8;
  private final float[] lanes = new float[LANES];

  /**
   * The Gram matrix of n rows: {@code g[g0 + i·stride + j] = g[g0 + j·stride + i] = row_i ·
   * row_j} for i, j &lt; n, where row i is {@code dim} floats of {@code table} from {@code
   * offsets[i]}. Other entries of g are left as they are.
   */
  void gram(float[] table, int[] offsets, int n, int dim, float[] g, int g0, int stride) {
    int vectorEnd = dim - dim % LANES;
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
        store(c00, table, a0, b0, vectorEnd, dim, g, g0, stride, i, j, n);
        store(c01, table, a0, b1, vectorEnd, dim, g, g0, stride, i, j + 1, n);
        store(c10, table, a1, b0, vectorEnd, dim, g, g0, stride, i + 1, j, n);
        store(c11, table, a1, b1, vectorEnd, dim, g, g0, stride, i + 1, j + 1, n);
        store(c20, table, a2, b0, vectorEnd, dim, g, g0, stride, i + 2, j, n);
        store(c21, table, a2, b1, vectorEnd, dim, g, g0, stride, i + 2, j + 1, n);
        store(c30, table, a3, b0, vectorEnd, dim, g, g0, stride, i + 3, j, n);
        store(c31, table, a3, b1, vectorEnd, dim, g, g0, stride, i + 3, j + 1, n);
      }
    }
  }

  private void store(FloatVector c, float[] table, int a, int b, int vectorEnd, int dim, float[] g,
      int g0, int stride, int i, int j, int n) {
    if (i >= n || j >= n) {
      return;
    }
    float s = finish(c, table, a, table, b, vectorEnd, dim);
    g[g0 + i * stride + j] = s;
    g[g0 + j * stride + i] = s;
  }

  /**
   * {@code out[o0 + t] = row_t · q} for t &lt; n, row t at {@code offsets[t]} of {@code table}
   * and q at {@code q0} of {@code q}; four rows per pass over q.
   */
  void dots(float[] table, int[] offsets, int n, int dim, float[] q, int q0, float[] out, int o0) {
    int vectorEnd = dim - dim % LANES;
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
      out[o0 + t] = finish(c0, table, a0, q, q0, vectorEnd, dim);
      if (t + 1 < n) {
        out[o0 + t + 1] = finish(c1, table, a1, q, q0, vectorEnd, dim);
      }
      if (t + 2 < n) {
        out[o0 + t + 2] = finish(c2, table, a2, q, q0, vectorEnd, dim);
      }
      if (t + 3 < n) {
        out[o0 + t + 3] = finish(c3, table, a3, q, q0, vectorEnd, dim);
      }
    }
  }

  /** The lane sum of an accumulator, then the tail terms fused in order. */
  private float finish(FloatVector c, float[] x, int x0, float[] y, int y0, int vectorEnd,
      int dim) {
    float[] l = lanes;
    c.intoArray(l, 0);
    float s = ((l[0] + l[1]) + (l[2] + l[3])) + ((l[4] + l[5]) + (l[6] + l[7]));
    for (int k = vectorEnd; k < dim; k++) {
      s = Math.fma(x[x0 + k], y[y0 + k], s);
    }
    return s;
  }

  /** The dot product this kernel computes, in scalar code: its specification, for the tests. */
  static float dotReference(float[] x, int x0, float[] y, int y0, int dim) {
    float[] l = new float[LANES];
    int vectorEnd = dim - dim % LANES;
    for (int k = 0; k < vectorEnd; k++) {
      l[k % LANES] = Math.fma(x[x0 + k], y[y0 + k], l[k % LANES]);
    }
    float s = ((l[0] + l[1]) + (l[2] + l[3])) + ((l[4] + l[5]) + (l[6] + l[7]));
    for (int k = vectorEnd; k < dim; k++) {
      s = Math.fma(x[x0 + k], y[y0 + k], s);
    }
    return s;
  }
}
