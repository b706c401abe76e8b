package io.attnsum.encode;

/**
 * One vector per sentence from its token states {@code [length, hidden]} (as {@link
 * BertEncoder#encode} returns them: real tokens only, [CLS] and [SEP] included), the way each
 * model was trained: sentence-transformers' all-MiniLM-L6-v2 takes the mean over the attention
 * mask (Reimers & Gurevych 2019, "Sentence-BERT"), BAAI's bge models take the [CLS] state.
 * Sums run in double; no normalisation (cosine similarity does not need it).
 */
public enum Pooling {
  /** Mean of all token states. */
  MEAN,
  /** The first token's state ([CLS]). */
  CLS;

  /** The sentence vector {@code [hidden]}. */
  public float[] pool(float[] states, int hidden) {
    requireShape(states, hidden);
    if (this == CLS) {
      return java.util.Arrays.copyOf(states, hidden);
    }
    return maskedMean(states, hidden, null);
  }

  /**
   * Mean of the token states whose {@code mask} entry is true (all of them for a null mask);
   * zeros if none is.
   */
  public static float[] maskedMean(float[] states, int hidden, boolean[] mask) {
    requireShape(states, hidden);
    int length = states.length / hidden;
    if (mask != null && mask.length != length) {
      throw new IllegalArgumentException("mask has " + mask.length + " entries for " + length
          + " tokens");
    }
    double[] sum = new double[hidden];
    int count = 0;
    for (int t = 0; t < length; t++) {
      if (mask != null && !mask[t]) {
        continue;
      }
      count++;
      for (int c = 0; c < hidden; c++) {
        sum[c] += states[t * hidden + c];
      }
    }
    float[] out = new float[hidden];
    for (int c = 0; c < hidden && count > 0; c++) {
      out[c] = (float) (sum[c] / count);
    }
    return out;
  }

  private static void requireShape(float[] states, int hidden) {
    if (hidden <= 0 || states.length == 0 || states.length % hidden != 0) {
      throw new IllegalArgumentException("token states of " + states.length
          + " floats are not [length >= 1, " + hidden + "]");
    }
  }
}
