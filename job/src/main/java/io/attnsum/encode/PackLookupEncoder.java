package io.attnsum.encode;

import io.attnsum.text.AnalyzedDocument;
import io.attnsum.text.Sentence;
import java.util.List;

/**
 * An encoder whose token vectors are rows of one fixed pack (static piece vectors, word vectors):
 * encoding a sentence is a lookup of its tokens' rows, −1 for a token without a vector. The
 * subclasses say what a sentence's tokens are.
 */
abstract class PackLookupEncoder implements SentenceEncoder {
  /** The pack whose rows the ids name. */
  final VectorPack pack;
  private long sentences;

  PackLookupEncoder(VectorPack pack) {
    this.pack = pack;
  }

  /** The sentence's token ids, a fresh array: pack rows, or ids that {@link #known} may reject. */
  abstract int[] ids(Sentence sentence);

  /** The tokens {@code ids} stand for, as the sentences table's token weights name them. */
  abstract String[] tokens(Sentence sentence, int[] ids);

  /** Whether the pack has a vector for {@code id}. */
  abstract boolean known(int id);

  @Override
  public final EncodedChunk encode(List<AnalyzedDocument> documents, boolean withTokens) {
    int[][][] rows = new int[documents.size()][][];
    String[][][] tokens = withTokens ? new String[documents.size()][][] : null;
    for (int d = 0; d < documents.size(); d++) {
      List<Sentence> ss = documents.get(d).sentences();
      rows[d] = new int[ss.size()][];
      if (tokens != null) {
        tokens[d] = new String[ss.size()][];
      }
      for (int s = 0; s < ss.size(); s++) {
        int[] ids = ids(ss.get(s));
        if (tokens != null) {
          tokens[d][s] = tokens(ss.get(s), ids);
        }
        for (int i = 0; i < ids.length; i++) {
          if (!known(ids[i])) {
            ids[i] = -1;
          }
        }
        rows[d][s] = ids;
      }
      sentences += ss.size();
    }
    return new EncodedChunk(pack, rows, tokens);
  }

  @Override
  public final int dim() {
    return pack.dim();
  }

  @Override
  public final long sentencesEncoded() {
    return sentences;
  }
}
