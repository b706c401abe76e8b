package io.attnsum.rank;

/** Sentence graphs of given vectors, for the tests and the tuning harness. */
final class SentenceGraphs {
  private SentenceGraphs() {}

  /**
   * The graph of the vectors through their Gram matrix, each dot product summed in float64 in
   * order.
   *
   * @param vectors row-major {@code [n, dim]}
   */
  static SentenceGraph of(float[] vectors, int n, int dim) {
    double[] gram = new double[n * n];
    for (int a = 0; a < n; a++) {
      for (int b = a; b < n; b++) {
        double dot = 0;
        for (int j = 0; j < dim; j++) {
          dot += (double) vectors[a * dim + j] * vectors[b * dim + j];
        }
        gram[a * n + b] = dot;
        gram[b * n + a] = dot;
      }
    }
    return SentenceGraph.fromGram(gram, n);
  }
}
