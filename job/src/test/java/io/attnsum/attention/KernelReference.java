package io.attnsum.attention;

/**
 * The dot products {@link VectorKernel} computes, spelled out in scalar code: its specification,
 * which the kernel must match bit for bit.
 */
final class KernelReference {
  private static final int LANES = 8;
  private static final int DOUBLE_LANES = 4;

  private KernelReference() {}

  /**
   * Eight lanes, lane l accumulating {@code x[8c + l] · y[8c + l]} with a fused multiply-add; the
   * last eight floats once more with the lanes already covered multiplied by 0; the lanes summed
   * as {@code ((l0 + l1) + (l2 + l3)) + ((l4 + l5) + (l6 + l7))}. Below eight dimensions, the plain
   * sequential chain of fused multiply-adds.
   */
  static float dot(float[] x, int x0, float[] y, int y0, int dim) {
    if (dim < LANES) {
      float s = 0;
      for (int k = 0; k < dim; k++) {
        s = Math.fma(x[x0 + k], y[y0 + k], s);
      }
      return s;
    }
    float[] l = new float[LANES];
    int vectorEnd = dim - dim % LANES;
    for (int k = 0; k < vectorEnd; k++) {
      l[k % LANES] = Math.fma(x[x0 + k], y[y0 + k], l[k % LANES]);
    }
    if (vectorEnd < dim) {
      int remainder = dim - vectorEnd;
      for (int lane = 0; lane < LANES; lane++) {
        int k = dim - LANES + lane;
        float m = lane >= LANES - remainder ? 1f : 0f;
        l[lane] = Math.fma(x[x0 + k] * m, y[y0 + k], l[lane]);
      }
    }
    return ((l[0] + l[1]) + (l[2] + l[3])) + ((l[4] + l[5]) + (l[6] + l[7]));
  }

  /** The float64 dot product of {@link VectorKernel#gram64}: four lanes, summed pairwise. */
  static double dot64(float[] x, int x0, float[] y, int y0, int dim) {
    double[] l = new double[DOUBLE_LANES];
    for (int k = 0; k < dim; k++) {
      l[k % DOUBLE_LANES] = Math.fma((double) x[x0 + k], (double) y[y0 + k], l[k % DOUBLE_LANES]);
    }
    return (l[0] + l[1]) + (l[2] + l[3]);
  }
}
