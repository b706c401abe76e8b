package io.attnsum.rank;

/**
 * Cosine similarities between the sentence vectors of one document, in float64: {@code [n, n]}
 * row-major. A zero vector (a sentence without known tokens) has similarity 0 to everything,
 * itself included.
 */
public final class SentenceGraph {
  private final int n;
  private final double[] cosine;

  private SentenceGraph(int n, double[] cosine) {
    this.n = n;
    this.cosine = cosine;
  }

  /**
   * @param vectors row-major {@code [n, dim]}
   */
  public static SentenceGraph of(float[] vectors, int n, int dim) {
    double[] norms = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      int base = i * dim;
      for (int j = 0; j < dim; j++) {
        s += (double) vectors[base + j] * vectors[base + j];
      }
      norms[i] = Math.sqrt(s);
    }
    double[] cos = new double[n * n];
    for (int a = 0; a < n; a++) {
      int ba = a * dim;
      for (int b = a; b < n; b++) {
        double c = 0;
        if (norms[a] > 0 && norms[b] > 0) {
          int bb = b * dim;
          double dot = 0;
          for (int j = 0; j < dim; j++) {
            dot += (double) vectors[ba + j] * vectors[bb + j];
          }
          c = dot / (norms[a] * norms[b]);
        }
        cos[a * n + b] = c;
        cos[b * n + a] = c;
      }
    }
    return new SentenceGraph(n, cos);
  }

  public int size() {
    return n;
  }

  public double cosine(int a, int b) {
    return cosine[a * n + b];
  }
}
