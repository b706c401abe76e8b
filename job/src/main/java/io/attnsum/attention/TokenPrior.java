package io.attnsum.attention;

/**
 * Frequency prior on tokens, added as {@code priorWeight * log(weight)} to the pooling logits so
 * frequent words need more attention evidence to dominate a sentence vector.
 */
public enum TokenPrior {
  /** No prior: pooling weights come from attention scores alone. */
  NONE,
  /**
   * Smooth inverse frequency {@code a / (a + p(w))}, Arora, Liang &amp; Ma 2017, "A Simple but
   * Tough-to-Beat Baseline for Sentence Embeddings" (ICLR).
   */
  SIF,
  /**
   * IDF-style self-information {@code log(1 + 1/p(w))}, normalised by its value for the rarest
   * possible word so weights stay in (0, 1]. Uses corpus counts, not document frequencies, since
   * that is what a {@code VectorPack} carries.
   */
  IDF;

  /**
   * The prior weight of a word with corpus probability {@code p}.
   *
   * @param sifA the SIF smoothing constant {@code a}
   * @param total the corpus token count (the IDF normaliser: a word seen once)
   */
  public double weight(double p, double sifA, long total) {
    return switch (this) {
      case NONE -> 1.0;
      case SIF -> sifA / (sifA + p);
      case IDF -> Math.log1p(1.0 / p) / Math.log1p(total);
    };
  }
}
