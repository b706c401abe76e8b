package io.attnsum.rank;

/**
 * Cosine similarities between the sentence vectors of one document: {@code [n, n]} row-major
 * float64, from the vectors ({@link #of}, dot products in float64; the tests' and the tuning
 * harness's reference) or from their Gram matrix ({@link #fromGram}, what the job uses: one
 * batched product for a chunk of documents). A zero vector (a sentence without known tokens) has
 * similarity 0 to everything, itself included.
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
      int b = a;
      // Four pairs per pass over row a: four independent sums hide the add latency, and each
      // is still summed over j in order, so every cosine is the same double as one at a time.
      for (; b + 4 <= n; b += 4) {
        int b0 = b * dim;
        int b1 = b0 + dim;
        int b2 = b1 + dim;
        int b3 = b2 + dim;
        double d0 = 0;
        double d1 = 0;
        double d2 = 0;
        double d3 = 0;
        for (int j = 0; j < dim; j++) {
          double x = vectors[ba + j];
          d0 += x * vectors[b0 + j];
          d1 += x * vectors[b1 + j];
          d2 += x * vectors[b2 + j];
          d3 += x * vectors[b3 + j];
        }
        set(cos, n, a, b, d0, norms);
        set(cos, n, a, b + 1, d1, norms);
        set(cos, n, a, b + 2, d2, norms);
        set(cos, n, a, b + 3, d3, norms);
      }
      for (; b < n; b++) {
        int bb = b * dim;
        double dot = 0;
        for (int j = 0; j < dim; j++) {
          dot += (double) vectors[ba + j] * vectors[bb + j];
        }
        set(cos, n, a, b, dot, norms);
      }
    }
    return new SentenceGraph(n, cos);
  }

  /**
   * The graph of vectors whose Gram matrix is given (e.g. from {@link
   * io.attnsum.attention.BatchedGram}): cos(a, b) = G[a, b] / √(G[a, a] · G[b, b]) in float64,
   * from the upper triangle, so the graph is symmetric whatever the product's rounding.
   *
   * @param gram row-major {@code [n, n]}
   */
  public static SentenceGraph fromGram(double[] gram, int n) {
    double[] norms = new double[n];
    for (int i = 0; i < n; i++) {
      norms[i] = Math.sqrt(Math.max(0, gram[i * n + i]));
    }
    double[] cos = new double[n * n];
    for (int a = 0; a < n; a++) {
      for (int b = a; b < n; b++) {
        set(cos, n, a, b, gram[a * n + b], norms);
      }
    }
    return new SentenceGraph(n, cos);
  }

  /** Stores cos(a, b) = dot / (|a| |b|), symmetric; 0 when either vector is zero. */
  private static void set(double[] cos, int n, int a, int b, double dot, double[] norms) {
    double c = norms[a] > 0 && norms[b] > 0 ? dot / (norms[a] * norms[b]) : 0;
    cos[a * n + b] = c;
    cos[b * n + a] = c;
  }

  /**
   * The graph whose similarities are {@code (1 − weight) · this + weight · other}, e.g. embedding
   * cosines blended with {@link LexicalSimilarity} TF-IDF cosines.
   *
   * @param other {@code [n, n]} row-major similarities of the same sentences
   */
  public SentenceGraph blend(double[] other, double weight) {
    if (weight == 0) {
      return this;
    }
    double[] mixed = new double[n * n];
    for (int i = 0; i < mixed.length; i++) {
      mixed[i] = (1 - weight) * cosine[i] + weight * other[i];
    }
    return new SentenceGraph(n, mixed);
  }

  public int size() {
    return n;
  }

  public double cosine(int a, int b) {
    return cosine[a * n + b];
  }
}
