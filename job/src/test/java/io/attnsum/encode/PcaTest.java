package io.attnsum.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;

class PcaTest {

  /** Rows with a few strong directions plus noise, like encoder states. */
  private static float[] rows(int n, int dim, long seed) {
    Random r = new Random(seed);
    double[][] basis = new double[4][dim];
    for (double[] b : basis) {
      for (int j = 0; j < dim; j++) {
        b[j] = r.nextGaussian();
      }
    }
    float[] out = new float[n * dim];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < 4; c++) {
        double w = r.nextGaussian() * (8 - 2 * c);
        for (int j = 0; j < dim; j++) {
          out[i * dim + j] += (float) (w * basis[c][j]);
        }
      }
      for (int j = 0; j < dim; j++) {
        out[i * dim + j] += (float) (0.3 * r.nextGaussian() + 1.5);
      }
    }
    return out;
  }

  @Test
  void theEigenvaluesAreLapacksAndTheComponentsItsEigenvectors() {
    int n = 500;
    int dim = 24;
    float[] data = rows(n, dim, 3);
    Pca pca = Pca.fit(data, dim, null, dim);
    // Independent reference: LAPACK's symmetric eigen-solver (through ND4J) on the covariance.
    double[] mean = new double[dim];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < dim; j++) {
        mean[j] += data[i * dim + j] / (double) n;
      }
    }
    double[][] cov = new double[dim][dim];
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < dim; a++) {
        for (int b = 0; b < dim; b++) {
          cov[a][b] += (data[i * dim + a] - mean[a]) * (data[i * dim + b] - mean[b]) / (n - 1);
        }
      }
    }
    INDArray c = Nd4j.create(cov).castTo(DataType.DOUBLE);
    INDArray values = Eigen.symmetricGeneralizedEigenvalues(c.dup(), true);
    double[] lapack = values.toDoubleVector();
    java.util.Arrays.sort(lapack);
    double[] ours = pca.variances();
    for (int k = 0; k < dim; k++) {
      assertThat(ours[k]).isCloseTo(lapack[dim - 1 - k], within(1e-9 * lapack[dim - 1]));
    }
    for (int k = 0; k < 4; k++) {
      double[] v = pca.component(k);
      double norm = 0;
      for (int a = 0; a < dim; a++) {
        double cv = 0;
        for (int b = 0; b < dim; b++) {
          cv += cov[a][b] * v[b];
        }
        assertThat(cv).isCloseTo(ours[k] * v[a], within(1e-9 * ours[0]));
        norm += v[a] * v[a];
      }
      assertThat(norm).isCloseTo(1.0, within(1e-12));
    }
  }

  @Test
  void projectionsAreCentredAndSignFixedAndTheSameBitsEveryTime() {
    int dim = 16;
    float[] data = rows(300, dim, 11);
    boolean[] use = new boolean[300];
    for (int i = 0; i < use.length; i++) {
      use[i] = i % 7 != 0; // rows left out of the fit are still projected
    }
    Pca a = Pca.fit(data, dim, use, 5);
    Pca b = Pca.fit(data.clone(), dim, use.clone(), 5);
    assertThat(a.project(data, dim)).isEqualTo(b.project(data, dim));
    float[] p = a.project(data, dim);
    assertThat(p).hasSize(300 * 5);
    for (int c = 0; c < 5; c++) {
      double[] v = a.component(c);
      int largest = 0;
      for (int j = 1; j < dim; j++) {
        largest = Math.abs(v[j]) > Math.abs(v[largest]) ? j : largest;
      }
      assertThat(v[largest]).isPositive();
      double sum = 0;
      int used = 0;
      for (int i = 0; i < 300; i++) {
        if (use[i]) {
          sum += p[i * 5 + c];
          used++;
        }
      }
      assertThat(sum / used).isCloseTo(0.0, within(1e-4));
    }
  }
}
