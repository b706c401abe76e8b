package io.attnsum.encode;

import java.util.List;

/**
 * Finds a tokenizer's added tokens ([CLS], [SEP], [MASK]...) written literally in a text, with
 * the leftmost-longest rule of the Aho-Corasick automaton that Hugging Face's {@code
 * AddedVocabulary} builds: the match that starts first, and of those the longest. A BERT
 * tokenizer has a handful of such tokens, so each position is tested against each token whose
 * first character it could be (a 64-bit filter on the first characters), which is cheaper than
 * an automaton at this size. Immutable and thread-safe.
 */
final class AddedTokenMatcher {
  private final char[][] patterns;
  private final int[] ids;
  private final long firstChars;

  /** Finds {@code contents.get(i)}, whose id is {@code tokenIds.get(i)}. */
  AddedTokenMatcher(List<String> contents, List<Integer> tokenIds) {
    patterns = new char[contents.size()][];
    ids = new int[contents.size()];
    long first = 0;
    for (int i = 0; i < patterns.length; i++) {
      patterns[i] = contents.get(i).toCharArray();
      ids[i] = tokenIds.get(i);
      first |= 1L << (patterns[i][0] & 63);
    }
    firstChars = first;
  }

  boolean isEmpty() {
    return patterns.length == 0;
  }

  /**
   * The first match in {@code text[from, to)}, as {@code start << 32 | pattern index}, or -1.
   * The match ends at {@code start + length(pattern)}.
   */
  long find(char[] text, int from, int to) {
    for (int i = from; i < to; i++) {
      if ((firstChars >>> (text[i] & 63) & 1) == 0) {
        continue;
      }
      int best = -1;
      for (int p = 0; p < patterns.length; p++) {
        char[] pattern = patterns[p];
        boolean longer = best < 0 || pattern.length > patterns[best].length;
        if (longer && startsWith(text, i, to, pattern)) {
          best = p;
        }
      }
      if (best >= 0) {
        return (long) i << 32 | best;
      }
    }
    return -1;
  }

  int length(int pattern) {
    return patterns[pattern].length;
  }

  int id(int pattern) {
    return ids[pattern];
  }

  private static boolean startsWith(char[] text, int at, int to, char[] pattern) {
    if (to - at < pattern.length) {
      return false;
    }
    for (int j = 0; j < pattern.length; j++) {
      if (text[at + j] != pattern[j]) {
        return false;
      }
    }
    return true;
  }
}
