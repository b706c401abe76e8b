package io.attnsum.rank;

/** How selection avoids picking the same content twice ({@code rank.redundancy}). */
public enum Redundancy {
  /**
   * Maximal marginal relevance (Carbonell &amp; Goldstein 1998): pick the sentence maximising λ ·
   * score − (1 − λ) · max cosine to the sentences already picked.
   */
  MMR,
  /**
   * Trigram blocking (Paulus et al. 2018; Liu &amp; Lapata 2019): go down the ranking and skip a
   * sentence that shares a token trigram with one already picked.
   */
  TRIGRAM
}
