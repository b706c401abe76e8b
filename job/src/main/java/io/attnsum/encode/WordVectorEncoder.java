package io.attnsum.encode;

import io.attnsum.text.Sentence;

/** Word vectors (a pretrained file or corpus-trained Word2Vec): each text token's row by name. */
public final class WordVectorEncoder extends PackLookupEncoder {
  public WordVectorEncoder(VectorPack pack) {
    super(pack);
  }

  @Override
  int[] ids(Sentence sentence) {
    String[] t = sentence.tokens();
    int[] r = new int[t.length];
    for (int i = 0; i < t.length; i++) {
      r[i] = pack.indexOf(t[i]);
    }
    return r;
  }

  @Override
  String[] tokens(Sentence sentence, int[] ids) {
    return sentence.tokens();
  }

  @Override
  boolean known(int id) {
    return id >= 0;
  }
}
