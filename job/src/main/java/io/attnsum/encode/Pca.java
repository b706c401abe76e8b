package io.attnsum.encode;

import java.util.Arrays;

/**
 * Principal component analysis of a float matrix's rows, in float64 plain Java, for the static
 * vector packs ({@link StaticDistiller}). Plain Java rather than LAPACK so that a pack is the same
 * bits on every machine and thread count (a pack built twice must be identical): the covariance
 * is summed in one fixed order and its eigenvectors come from Householder tridiagonalization and
 * the QL algorithm, a fixed sequence of float64 operations. The matrices here are the encoder's
 * width (384–1024 columns): well under a second.
 *
 * <p>Each component's sign is fixed so that its largest-magnitude entry (the first of equals) is
 * positive, so that sign flips between runs cannot happen either.
 */
public final class Pca {
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
   * Eigen-decomposition of the symmetric {@code [n, n]} matrix {@code a} (overwritten): Householder
   * reduction to tridiagonal form, then the QL algorithm with implicit shifts on the tridiagonal
   * matrix, accumulating both transformations (Golub &amp; Van Loan, Matrix Computations, 4th ed.,
   * §8.3; Press et al., Numerical Recipes, §11.3–11.4). About 3n³ flops: a second at n = 1024.
   * Returns {values [n], vectors [n, n] row-major with eigenvector i in column i}.
   */
  static double[][] symmetricEigen(double[] a, int n) {
    double[] d = new double[n];
    double[] e = new double[n];
    tridiagonalize(a, n, d, e);
    ql(a, n, d, e);
    return new double[][] {d, a};
  }

  /**
   * Householder reduction of {@code a} to the tridiagonal matrix with diagonal {@code d} and
   * sub-diagonal {@code e} (e[i] next to d[i]; e[0] = 0); {@code a} becomes the orthogonal matrix
   * of the reduction.
   */
  private static void tridiagonalize(double[] a, int n, double[] d, double[] e) {
    for (int i = n - 1; i > 0; i--) {
      int l = i - 1;
      double h = 0;
      if (l > 0) {
        double scale = 0;
        for (int k = 0; k <= l; k++) {
          scale += Math.abs(a[i * n + k]);
        }
        if (scale == 0) {
          e[i] = a[i * n + l];
        } else {
          for (int k = 0; k <= l; k++) {
            a[i * n + k] /= scale;
            h += a[i * n + k] * a[i * n + k];
          }
          double f = a[i * n + l];
          double g = f >= 0 ? -Math.sqrt(h) : Math.sqrt(h);
          e[i] = scale * g;
          h -= f * g;
          a[i * n + l] = f - g;
          f = 0;
          for (int j = 0; j <= l; j++) {
            a[j * n + i] = a[i * n + j] / h;
            g = 0;
            for (int k = 0; k <= j; k++) {
              g += a[j * n + k] * a[i * n + k];
            }
            for (int k = j + 1; k <= l; k++) {
              g += a[k * n + j] * a[i * n + k];
            }
            e[j] = g / h;
            f += e[j] * a[i * n + j];
          }
          double hh = f / (h + h);
          for (int j = 0; j <= l; j++) {
            f = a[i * n + j];
            g = e[j] - hh * f;
            e[j] = g;
            for (int k = 0; k <= j; k++) {
              a[j * n + k] -= f * e[k] + g * a[i * n + k];
            }
          }
        }
      } else {
        e[i] = a[i * n + l];
      }
      d[i] = h;
    }
    d[0] = 0;
    e[0] = 0;
    // Accumulate the transformations.
    for (int i = 0; i < n; i++) {
      int l = i - 1;
      if (d[i] != 0) {
        for (int j = 0; j <= l; j++) {
          double g = 0;
          for (int k = 0; k <= l; k++) {
            g += a[i * n + k] * a[k * n + j];
          }
          for (int k = 0; k <= l; k++) {
            a[k * n + j] -= g * a[k * n + i];
          }
        }
      }
      d[i] = a[i * n + i];
      a[i * n + i] = 1;
      for (int j = 0; j <= l; j++) {
        a[j * n + i] = 0;
        a[i * n + j] = 0;
      }
    }
  }

  /**
   * Eigenvalues of the tridiagonal matrix (d, e) into {@code d}, by QL with implicit Wilkinson
   * shifts; the rotations are applied to the columns of {@code z}.
   */
  private static void ql(double[] z, int n, double[] d, double[] e) {
    for (int i = 1; i < n; i++) {
      e[i - 1] = e[i];
    }
    e[n - 1] = 0;
    for (int l = 0; l < n; l++) {
      int iterations = 0;
      int m;
      do {
        for (m = l; m < n - 1; m++) {
          double dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
          if (Math.abs(e[m]) <= 1e-15 * dd) {
            break;
          }
        }
        if (m != l) {
          if (iterations++ == 100) {
            throw new ArithmeticException("the QL iteration does not converge");
          }
          double g = (d[l + 1] - d[l]) / (2 * e[l]);
          double r = Math.hypot(g, 1);
          g = d[m] - d[l] + e[l] / (g + (g >= 0 ? Math.abs(r) : -Math.abs(r)));
          double s = 1;
          double c = 1;
          double p = 0;
          int i;
          boolean underflow = false;
          for (i = m - 1; i >= l; i--) {
            double f = s * e[i];
            double b = c * e[i];
            r = Math.hypot(f, g);
            e[i + 1] = r;
            if (r == 0) {
              d[i + 1] -= p;
              e[m] = 0;
              underflow = true;
              break;
            }
            s = f / r;
            c = g / r;
            g = d[i + 1] - p;
            r = (d[i] - g) * s + 2 * c * b;
            p = s * r;
            d[i + 1] = g + p;
            g = c * r - b;
            for (int k = 0; k < n; k++) {
              f = z[k * n + i + 1];
              z[k * n + i + 1] = s * z[k * n + i] + c * f;
              z[k * n + i] = c * z[k * n + i] - s * f;
            }
          }
          if (underflow) {
            continue;
          }
          d[l] -= p;
          e[l] = g;
          e[m] = 0;
        }
      } while (m != l);
    }
  }
}
