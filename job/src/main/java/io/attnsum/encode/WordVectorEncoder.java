package io.attnsum.encode;

import io.attnsum.text.AnalyzedDocument;
import io.attnsum.text.Sentence;
import java.util.List;

/** Word vectors (a pretrained file or corpus-trained Word2Vec): each text token's row by name. */
public final class WordVectorEncoder implements SentenceEncoder {
  private final VectorPack pack;
  private long sentences;

  public WordVectorEncoder(VectorPack pack) {
    this.pack = pack;
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
        String[] t = ss.get(s).tokens();
        int[] r = new int[t.length];
        for (int i = 0; i < t.length; i++) {
          r[i] = pack.indexOf(t[i]);
        }
        rows[d][s] = r;
        if (tokens != null) {
          tokens[d][s] = t;
        }
      }
      sentences += ss.size();
    }
    return new EncodedChunk(pack, rows, tokens);
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
