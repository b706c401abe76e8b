package io.attnsum.encode;

import java.util.Arrays;

/**
 * Principal component analysis of a float matrix's rows, in float64 plain Java, for the static
 * vector packs ({@link StaticDistiller}). Plain Java rather than LAPACK so that a pack is the same
 * bits on every machine and thread count (a pack built twice must be identical): the covariance
 * is summed in one fixed order and its eigenvectors come from the cyclic Jacobi method, whose
 * rotations are a fixed sequence of float64 operations. The matrices here are the encoder's width
 * (384–1024 columns), where Jacobi takes about a second.
 *
 * <p>Each component's sign is fixed so that its largest-magnitude entry (the first of equals) is
 * positive, so that sign flips between runs cannot happen either.
 */
public final class Pca {
  // Off-diagonal mass below this fraction of the matrix's squared norm counts as converged: far
  // below float precision of the projected vectors.
  private static final double CONVERGED = 1e-26;
  private static final int MAX_SWEEPS = 100;

  private final double[] mean;
  private final double[][] components;
  private final double[] variances;

  private Pca(double[] mean, double[][] components, double[] variances) {
    this.mean = mean;
    this.components = components;
    this.variances = variances;
  }

  /**
   * Fits the first {@code k} components of the rows of {@code data} ({@code [rows, dim]}
   * row-major) that {@code use} marks (all rows when null).
   */
  public static Pca fit(float[] data, int dim, boolean[] use, int k) {
    int rows = data.length / dim;
    if (k < 1 || k > dim) {
      throw new IllegalArgumentException("components " + k + " not in [1, " + dim + "]");
    }
    double[] mean = new double[dim];
    long count = 0;
    for (int r = 0; r < rows; r++) {
      if (use == null || use[r]) {
        int base = r * dim;
        for (int j = 0; j < dim; j++) {
          mean[j] += data[base + j];
        }
        count++;
      }
    }
    if (count < 2) {
      throw new IllegalArgumentException("PCA needs at least 2 rows, got " + count);
    }
    for (int j = 0; j < dim; j++) {
      mean[j] /= count;
    }
    // Covariance [dim, dim], upper triangle summed row by row, then mirrored.
    double[] cov = new double[dim * dim];
    double[] centred = new double[dim];
    for (int r = 0; r < rows; r++) {
      if (use != null && !use[r]) {
        continue;
      }
      int base = r * dim;
      for (int j = 0; j < dim; j++) {
        centred[j] = data[base + j] - mean[j];
      }
      for (int a = 0; a < dim; a++) {
        double x = centred[a];
        int row = a * dim;
        for (int b = a; b < dim; b++) {
          cov[row + b] += x * centred[b];
        }
      }
    }
    for (int a = 0; a < dim; a++) {
      for (int b = a; b < dim; b++) {
        double v = cov[a * dim + b] / (count - 1);
        cov[a * dim + b] = v;
        cov[b * dim + a] = v;
      }
    }
    double[][] eigen = symmetricEigen(cov, dim);
    double[] values = eigen[0];
    Integer[] order = new Integer[dim];
    for (int i = 0; i < dim; i++) {
      order[i] = i;
    }
    // Descending eigenvalue; equal values keep their index order.
    Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
    double[][] components = new double[k][dim];
    double[] variances = new double[k];
    for (int c = 0; c < k; c++) {
      int col = order[c];
      variances[c] = values[col];
      int largest = 0;
      for (int j = 0; j < dim; j++) {
        components[c][j] = eigen[1][j * dim + col];
        if (Math.abs(components[c][j]) > Math.abs(components[c][largest])) {
          largest = j;
        }
      }
      if (components[c][largest] < 0) {
        for (int j = 0; j < dim; j++) {
          components[c][j] = -components[c][j];
        }
      }
    }
    return new Pca(mean, components, variances);
  }

  /** Number of components kept. */
  public int components() {
    return components.length;
  }

  /** Variance along each kept component, descending. */
  public double[] variances() {
    return variances.clone();
  }

  /** Component {@code c} as a unit vector of the input's width. */
  public double[] component(int c) {
    return components[c].clone();
  }

  /** Rows of {@code data} ({@code [rows, dim]}) centred and projected: {@code [rows, components]}. */
  public float[] project(float[] data, int dim) {
    int rows = data.length / dim;
    int k = components.length;
    float[] out = new float[rows * k];
    double[] centred = new double[dim];
    for (int r = 0; r < rows; r++) {
      int base = r * dim;
      for (int j = 0; j < dim; j++) {
        centred[j] = data[base + j] - mean[j];
      }
      for (int c = 0; c < k; c++) {
        double[] v = components[c];
        double s = 0;
        for (int j = 0; j < dim; j++) {
          s += centred[j] * v[j];
        }
        out[r * k + c] = (float) s;
      }
    }
    return out;
  }

  /**
   * Eigen-decomposition of the symmetric {@code [n, n]} matrix {@code a} (overwritten) by cyclic
   * Jacobi rotations (Golub &amp; Van Loan, Matrix Computations, 4th ed., §8.5): returns {values
   * [n], vectors [n, n] row-major with eigenvector i in column i}.
   */
  static double[][] symmetricEigen(double[] a, int n) {
    double[] v = new double[n * n];
    for (int i = 0; i < n; i++) {
      v[i * n + i] = 1;
    }
    double total = 0;
    for (double x : a) {
      total += x * x;
    }
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      double off = 0;
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          off += a[p * n + q] * a[p * n + q];
        }
      }
      if (off <= CONVERGED * total) {
        break;
      }
      for (int p = 0; p < n - 1; p++) {
        for (int q = p + 1; q < n; q++) {
          double apq = a[p * n + q];
          if (apq == 0) {
            continue;
          }
          // The rotation that zeroes a[p][q] (the smaller of the two angles).
          double theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int k = 0; k < n; k++) {
            double akp = a[k * n + p];
            double akq = a[k * n + q];
            a[k * n + p] = c * akp - s * akq;
            a[k * n + q] = s * akp + c * akq;
          }
          for (int k = 0; k < n; k++) {
            double apk = a[p * n + k];
            double aqk = a[q * n + k];
            a[p * n + k] = c * apk - s * aqk;
            a[q * n + k] = s * apk + c * aqk;
          }
          for (int k = 0; k < n; k++) {
            double vkp = v[k * n + p];
            double vkq = v[k * n + q];
            v[k * n + p] = c * vkp - s * vkq;
            v[k * n + q] = s * vkp + c * vkq;
          }
        }
      }
    }
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = a[i * n + i];
    }
    return new double[][] {values, v};
  }
}
