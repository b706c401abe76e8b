package io.attnsum.rank;

/**
 * Cosine similarities between the sentence vectors of one document: {@code [n, n]} row-major
 * float64, from their Gram matrix ({@link #fromGram}: one batched product for a chunk of
 * documents). A zero vector (a sentence without known tokens) has similarity 0 to everything,
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

  /**
   * The graph of given similarities (e.g. {@link LexicalSimilarity}'s, alone when the ranking
   * leaves the embeddings out).
   *
   * @param similarities row-major {@code [n, n]}, symmetric; not copied
   */
  public static SentenceGraph of(double[] similarities, int n) {
    if (similarities.length != n * n) {
      throw new IllegalArgumentException(similarities.length + " similarities for " + n + " sentences");
    }
    return new SentenceGraph(n, similarities);
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
