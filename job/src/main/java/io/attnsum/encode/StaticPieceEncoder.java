package io.attnsum.encode;

import io.attnsum.text.Sentence;

/**
 * Static piece vectors ({@link StaticDistiller}): each sentence's text through the encoder's own
 * tokenizer, each piece's row is its vocabulary id. Pieces without a vector (special tokens,
 * [UNK] for characters the vocabulary lacks) are unknown (−1).
 */
public final class StaticPieceEncoder extends PackLookupEncoder {
  private final WordPieceTokenizer tokenizer;
  private final boolean[] known;

  /**
   * @param pack one row per vocabulary id of {@code tokenizer}, zero rows for pieces without a
   *     vector
   */
  public StaticPieceEncoder(WordPieceTokenizer tokenizer, VectorPack pack) {
    super(matching(tokenizer, pack));
    this.tokenizer = tokenizer;
    this.known = nonZeroRows(pack);
  }

  private static VectorPack matching(WordPieceTokenizer tokenizer, VectorPack pack) {
    if (pack.size() != tokenizer.vocabSize()) {
      throw new IllegalArgumentException("the static pack has " + pack.size()
          + " rows but the tokenizer " + tokenizer.vocabSize() + " pieces");
    }
    return pack;
  }

  static boolean[] nonZeroRows(VectorPack pack) {
    boolean[] known = new boolean[pack.size()];
    float[] data = pack.data();
    int dim = pack.dim();
    for (int r = 0; r < known.length; r++) {
      for (int j = r * dim; j < (r + 1) * dim && !known[r]; j++) {
        known[r] = data[j] != 0f;
      }
    }
    return known;
  }

  @Override
  int[] ids(Sentence sentence) {
    return tokenizer.pieceIds(sentence.text());
  }

  @Override
  String[] tokens(Sentence sentence, int[] ids) {
    return pieces(tokenizer, ids);
  }

  @Override
  boolean known(int id) {
    return known[id];
  }

  static String[] pieces(WordPieceTokenizer tokenizer, int[] ids) {
    String[] out = new String[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = tokenizer.piece(ids[i]);
    }
    return out;
  }
}
