package io.attnsum.attention;

/**
 * Attention-pooled sentence vectors of one document.
 *
 * @param dim vector dimension
 * @param vectors row-major {@code [sentences, dim]}; all zeros for a sentence without known tokens
 * @param knownTokens per sentence, how many tokens had a vector
 * @param tokenWeights per sentence, α per token in the sentence's token order (0 for unknown
 *     tokens; sums to 1 over known tokens, across windows), or null when not requested
 * @param tokens per sentence, the tokens {@code tokenWeights} refer to (the encoder's: words or
 *     pieces), or null when not requested
 */
public record PooledSentences(
    int dim, float[] vectors, int[] knownTokens, float[][] tokenWeights, String[][] tokens) {

  public int size() {
    return knownTokens.length;
  }
}
