package io.attnsum.attention;

import java.util.Arrays;

/**
 * Attention-pooled sentence vectors of one document.
 *
 * @param dim vector dimension
 * @param vectors row-major {@code [sentences, dim]}; all zeros for a sentence without known tokens
 * @param knownTokens per sentence, how many tokens had a vector; −1 when the document was not
 *     encoded ({@link #notEncoded})
 * @param tokenWeights per sentence, α per token in the sentence's token order (0 for unknown
 *     tokens; sums to 1 over known tokens, across windows), or null when not requested
 * @param tokens per sentence, the tokens {@code tokenWeights} refer to (the encoder's: words or
 *     pieces), or null when not requested
 */
public record PooledSentences(
    int dim, float[] vectors, int[] knownTokens, float[][] tokenWeights, String[][] tokens) {

  // Shared by every document that no encoder saw: an empty array cannot be modified.
  private static final float[] NO_VECTORS = new float[0];

  public int size() {
    return knownTokens.length;
  }

  /** A document of {@code sentences} sentences that no encoder saw: no vectors, counts −1. */
  public static PooledSentences notEncoded(int sentences) {
    int[] known = new int[sentences];
    Arrays.fill(known, -1);
    return new PooledSentences(0, NO_VECTORS, known, null, null);
  }
}
