package io.attnsum.encode;

import java.util.Map;

/**
 * A WordPiece vocabulary looked up by slices of a char array, so that trying every candidate
 * piece of a word allocates nothing. Open addressing with linear probing from a Fibonacci hash of
 * the key's hash (Knuth, TAOCP vol. 3, 6.4: the top bits of h * 2^32/phi); slot {@code s} is two
 * longs, {@code (hash << 32 | id + 1)} (0 = empty) and {@code (offset << 32 | length)} of the
 * key's characters in one shared {@code char[]}. The caller passes the key's {@link
 * String#hashCode}, which it computes for every candidate of a word in constant time from prefix
 * sums (see {@link WordPieceTokenizer}); a continuation piece's key is the continuing-subword
 * prefix followed by the slice, compared without building it. Immutable and thread-safe.
 */
final class PieceVocabulary {
  private final long[] table;
  private final char[] chars;
  private final int mask;
  private final int shift;
  private final char[] prefix;
  private final int longest;
  private final int longestContinuation;

  /**
   * @param vocab piece to id
   * @param prefix the continuing-subword prefix ("##")
   */
  PieceVocabulary(Map<String, Integer> vocab, String prefix) {
    this.prefix = prefix.toCharArray();
    int capacity = Integer.highestOneBit(Math.max(8, vocab.size() * 2) - 1) << 1;
    table = new long[2 * capacity];
    mask = capacity - 1;
    shift = Integer.numberOfLeadingZeros(capacity) + 1;
    int total = 0;
    for (String key : vocab.keySet()) {
      total += key.length();
    }
    chars = new char[total];
    int offset = 0;
    int max = 0;
    int maxContinuation = 0;
    for (Map.Entry<String, Integer> e : vocab.entrySet()) {
      String key = e.getKey();
      int h = key.hashCode();
      int at = home(h);
      while (table[2 * at] != 0) {
        at = (at + 1) & mask;
      }
      key.getChars(0, key.length(), chars, offset);
      table[2 * at] = (long) h << 32 | (e.getValue() + 1L);
      table[2 * at + 1] = (long) offset << 32 | key.length();
      offset += key.length();
      max = Math.max(max, key.length());
      if (key.startsWith(prefix)) {
        maxContinuation = Math.max(maxContinuation, key.length() - prefix.length());
      }
    }
    longest = max;
    longestContinuation = maxContinuation;
  }

  /** The UTF-16 length of the longest key: longer slices are never found. */
  int longest() {
    return longest;
  }

  /** The UTF-16 length after the prefix of the longest key that starts with the prefix. */
  int longestContinuation() {
    return longestContinuation;
  }

  /** {@link String#hashCode} of the prefix: a continuation key's hash starts from it. */
  int prefixHash() {
    int h = 0;
    for (char c : prefix) {
      h = 31 * h + c;
    }
    return h;
  }

  /**
   * The id of the piece {@code text[from, to)}, or with {@code continuation} of the prefix
   * followed by it; -1 when absent. {@code hash} is that key's {@link String#hashCode}.
   */
  int find(int hash, char[] text, int from, int to, boolean continuation) {
    int skip = continuation ? prefix.length : 0;
    int length = skip + to - from;
    for (int at = home(hash); ; at = (at + 1) & mask) {
      long slot = table[2 * at];
      if (slot == 0) {
        return -1;
      }
      long key = table[2 * at + 1];
      if ((int) (slot >>> 32) == hash
          && (int) key == length
          && matches((int) (key >>> 32), skip, text, from, to)) {
        return (int) slot - 1;
      }
    }
  }

  private boolean matches(int offset, int skip, char[] text, int from, int to) {
    char[] c = chars;
    for (int i = 0; i < skip; i++) {
      if (c[offset + i] != prefix[i]) {
        return false;
      }
    }
    for (int i = from, j = offset + skip; i < to; i++, j++) {
      if (c[j] != text[i]) {
        return false;
      }
    }
    return true;
  }

  /** The first slot to probe for a key with {@link String#hashCode} {@code h}. */
  private int home(int h) {
    return (h * 0x9E3779B9) >>> shift;
  }
}
