package io.attnsum.rank;

/**
 * The score inside the sentence attention A = softmax_j(score(s_i, s_j) / τ) ({@code
 * rank.attention-score}).
 */
public enum AttentionScore {
  /**
   * log max(0, cos): A_ij ∝ cos_ij^(1/τ), and an unrelated pair (cos ≤ 0) gets weight 0 like a
   * masked key. At τ = 1 this is TextRank's/LexRank's row-normalised similarity; τ &gt; 1 flattens
   * it towards a uniform walk, τ &lt; 1 sharpens it. Attention weights proportional to the
   * similarity keep what a graph ranker relies on: a sentence with twice the overlap gets twice
   * the vote, and sentences sharing nothing exchange none.
   */
  LOG_COSINE,
  /**
   * cos itself: A_ij ∝ exp(cos_ij / τ), scaled dot-product attention on unit vectors (τ plays
   * √d's role). exp keeps weight on unrelated pairs (e^0 = 1), so the walk is flatter: about τ =
   * 0.3 on these graphs.
   */
  COSINE
}
