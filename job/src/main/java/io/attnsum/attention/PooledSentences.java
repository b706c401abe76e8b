package io.attnsum.attention;

/**
 * Attention-pooled sentence vectors of one document.
 *
 * @param dim vector dimension
 * @param vectors row-major {@code [sentences, dim]}; all zeros for a sentence without known tokens
 * @param knownTokens per sentence, how many tokens had a vector
 * @param tokenWeights per sentence, α per token in the sentence's token order (0 for unknown
 *     tokens; sums to 1 over known tokens, across windows), or null when not requested
 * @param tokenRows per sentence, each token's row in the {@code VectorPack}, −1 for a token without
 *     a vector: the lookups pooling made, for later stages that need the same words (the lexical
 *     similarity) not to hash every token again
 */
public record PooledSentences(
    int dim, float[] vectors, int[] knownTokens, float[][] tokenWeights, int[][] tokenRows) {

  public int size() {
    return knownTokens.length;
  }
}
