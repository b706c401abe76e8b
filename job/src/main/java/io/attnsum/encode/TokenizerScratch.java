package io.attnsum.encode;

import java.util.Arrays;

/**
 * One thread's working buffers for {@link WordPieceTokenizer}: the input's characters, the code
 * points after the per-character normalization steps, the normalized characters, a word's hash
 * prefix sums, and the output ids with their word indices. Reused from call to call on the same
 * thread, so that tokenizing a sentence allocates only its result; dropped once it has grown past
 * {@link #KEEP_LIMIT} so that one huge text does not pin memory for the life of the thread.
 */
final class TokenizerScratch {
  private static final int KEEP_LIMIT = 1 << 16;
  private static final ThreadLocal<TokenizerScratch> PER_THREAD =
      ThreadLocal.withInitial(TokenizerScratch::new);

  char[] text = new char[256];
  int[] points = new int[512];
  int pointCount;
  char[] chars = new char[512];
  int charCount;
  final int[] mapped = new int[4];
  int[] hashes = new int[128];
  int[] powers = {1};
  int[] ids = new int[128];
  int[] words = new int[128];
  int count;

  /** This thread's scratch, emptied. */
  static TokenizerScratch get() {
    TokenizerScratch s = PER_THREAD.get();
    s.pointCount = 0;
    s.charCount = 0;
    s.count = 0;
    return s;
  }

  /** Lets this thread's scratch go when a call made it large. */
  void release() {
    if (text.length > KEEP_LIMIT || points.length > KEEP_LIMIT || ids.length > KEEP_LIMIT) {
      PER_THREAD.remove();
    }
  }

  /** Copies {@code s} into {@link #text}. */
  void load(String s) {
    if (s.length() > text.length) {
      text = new char[Math.max(s.length(), text.length * 2)];
    }
    s.getChars(0, s.length(), text, 0);
  }

  void addPoint(int cp) {
    if (pointCount == points.length) {
      points = Arrays.copyOf(points, pointCount * 2);
    }
    points[pointCount++] = cp;
  }

  void addChar(int cp) {
    if (charCount + 2 > chars.length) {
      chars = Arrays.copyOf(chars, Math.max(charCount + 2, chars.length * 2));
    }
    if (Character.isBmpCodePoint(cp)) {
      chars[charCount++] = (char) cp;
    } else {
      chars[charCount++] = Character.highSurrogate(cp);
      chars[charCount++] = Character.lowSurrogate(cp);
    }
  }

  /** Appends a token id and the index of the word it came from. */
  void add(int id, int word) {
    if (count == ids.length) {
      ids = Arrays.copyOf(ids, count * 2);
      words = Arrays.copyOf(words, count * 2);
    }
    ids[count] = id;
    words[count++] = word;
  }

  /** Makes {@link #hashes} hold at least {@code n + 1} and {@link #powers} 31^0..31^n. */
  void reserveHashes(int n) {
    if (hashes.length <= n) {
      hashes = new int[Math.max(n + 1, hashes.length * 2)];
    }
    if (powers.length <= n) {
      int old = powers.length;
      powers = Arrays.copyOf(powers, Math.max(n + 1, old * 2));
      for (int i = old; i < powers.length; i++) {
        powers[i] = powers[i - 1] * 31;
      }
    }
  }
}
