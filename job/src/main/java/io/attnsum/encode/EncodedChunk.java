package io.attnsum.encode;

/**
 * A chunk of documents encoded: per sentence, the rows of its tokens in {@code table} (−1 for a
 * token without a vector), and, when asked for, the tokens those rows stand for (for the
 * sentences table's token weights: words or the encoder's pieces).
 *
 * @param table the token vectors the rows point into
 * @param rows {@code [document][sentence][token]}
 * @param tokens {@code [document][sentence][token]}, the same shape as {@code rows}, or null
 * @param pooled per document its sentences' vectors {@code [sentences, dim]} as the encoder's
 *     model pools them (contextual encoders), or null where the model has no pooling of its own
 */
public record EncodedChunk(
    TokenTable table, int[][][] rows, String[][][] tokens, float[][] pooled) {

  public EncodedChunk(TokenTable table, int[][][] rows, String[][][] tokens) {
    this(table, rows, tokens, null);
  }

  /** How many of a sentence's tokens have a vector. */
  public static int known(int[] rows) {
    int k = 0;
    for (int r : rows) {
      k += r >= 0 ? 1 : 0;
    }
    return k;
  }
}
