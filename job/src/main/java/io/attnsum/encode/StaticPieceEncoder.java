package io.attnsum.encode;

import io.attnsum.text.AnalyzedDocument;
import io.attnsum.text.Sentence;
import java.util.List;

/**
 * Static piece vectors ({@link StaticDistiller}): each sentence's text through the encoder's own
 * tokenizer, each piece's row is its vocabulary id. Pieces without a vector (special tokens,
 * [UNK] for characters the vocabulary lacks) are unknown (−1).
 */
public final class StaticPieceEncoder implements SentenceEncoder {
  private final WordPieceTokenizer tokenizer;
  private final VectorPack pack;
  private final boolean[] known;
  private long sentences;

  /**
   * @param pack one row per vocabulary id of {@code tokenizer}, zero rows for pieces without a
   *     vector
   */
  public StaticPieceEncoder(WordPieceTokenizer tokenizer, VectorPack pack) {
    if (pack.size() != tokenizer.vocabSize()) {
      throw new IllegalArgumentException("the static pack has " + pack.size()
          + " rows but the tokenizer " + tokenizer.vocabSize() + " pieces");
    }
    this.tokenizer = tokenizer;
    this.pack = pack;
    this.known = nonZeroRows(pack);
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
  public EncodedChunk encode(List<AnalyzedDocument> documents, boolean withTokens) {
    int[][][] rows = new int[documents.size()][][];
    String[][][] tokens = withTokens ? new String[documents.size()][][] : null;
    for (int d = 0; d < documents.size(); d++) {
      List<Sentence> ss = documents.get(d).sentences();
      rows[d] = new int[ss.size()][];
      if (tokens != null) {
        tokens[d] = new String[ss.size()][];
      }
      for (int s = 0; s < ss.size(); s++) {
        int[] ids = tokenizer.pieceIds(ss.get(s).text());
        if (tokens != null) {
          tokens[d][s] = pieces(tokenizer, ids);
        }
        for (int i = 0; i < ids.length; i++) {
          if (!known[ids[i]]) {
            ids[i] = -1;
          }
        }
        rows[d][s] = ids;
      }
      sentences += ss.size();
    }
    return new EncodedChunk(pack, rows, tokens);
  }

  static String[] pieces(WordPieceTokenizer tokenizer, int[] ids) {
    String[] out = new String[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = tokenizer.piece(ids[i]);
    }
    return out;
  }

  @Override
  public int dim() {
    return pack.dim();
  }

  @Override
  public long sentencesEncoded() {
    return sentences;
  }
}
