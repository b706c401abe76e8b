package io.attnsum.rank;

/** What the position prior counts in ({@code rank.position-scale}). */
public enum PositionScale {
  /** Sentences: prior (i + 1)^−decay, the same curve whatever the summary length. */
  INDEX,
  /**
   * Summary lengths: prior (1 + i / k)^−decay with k the expected number of summary sentences.
   * The lead heuristic is "the first k sentences" (LEAD-k, See et al. 2017), so the prior should
   * fall off over k sentences, not over one: with k = 1 this equals {@link #INDEX}; with a long
   * summary the first few sentences are not set apart from the next few, and centrality decides.
   */
  SUMMARY
}
