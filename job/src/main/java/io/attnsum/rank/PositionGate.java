package io.attnsum.rank;

/**
 * How much of the position prior a document gets ({@code rank.position-gate}): the prior is a
 * genre assumption (news puts its key facts first), and a document can show it does not hold.
 */
public enum PositionGate {
  /** Every document gets the full position weight. */
  NONE,
  /**
   * The weight is scaled by how central the lead sentences are by the position-free sentence
   * graph: the mean centrality percentile of the first round(k) sentences (0 = the least
   * central, 1 = the most). A news lead that the rest of the story keeps repeating keeps the
   * prior; an opening that the document does not come back to (background before the
   * contribution, as in abstracts, or boilerplate before the facts, as in judgments) loses it.
   * This is the agreement between the position and the centrality rankings, measured where the
   * prior acts.
   */
  LEAD_CENTRALITY
}
