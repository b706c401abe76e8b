package io.attnsum.text;

import java.util.Arrays;

/**
 * Words to dense ids 0, 1, 2, ... in insertion order: an open-addressing table whose slot is two
 * adjacent longs, (hash, id + 1) with 0 = empty and (offset, length) of the word's characters in
 * one shared {@code char[]}. A probe therefore touches one slot and, on a hash match, the key's
 * characters, never a stored String or its byte array, and a lookup allocates nothing. Counting a
 * partition's tokens as the text stage analyses them, where the table is cold between documents,
 * a layout of ids, hashes and Strings in three arrays costs 1.2–1.5× this one in the same JVM, and
 * {@code HashMap<String, Integer>} about three times that layout. Shared by the vector
 * pack (word to row) and {@link WordCounter}. Not thread-safe while adding.
 */
public final class WordIndex {
  /** Length field value for words too long for it; those compare against the stored String. */
  private static final int LONG_WORD = 0xFFFF;

  private String[] words;
  private long[] table; // slot s: table[2s] = hash << 32 | id + 1, table[2s + 1] = offset << 16 | length
  private char[] chars = new char[1 << 10];
  private int charCount;
  private int size;
  private int mask;

  /** @param expected words expected; the table grows past it as needed */
  public WordIndex(int expected) {
    words = new String[Math.max(4, expected)];
    allocate(Integer.highestOneBit(Math.max(8, expected * 2) - 1) << 1);
  }

  private void allocate(int capacity) {
    table = new long[2 * capacity];
    mask = capacity - 1;
  }

  /** The id of {@code word}, or -1 when it was never added. */
  public int indexOf(String word) {
    int h = spread(word.hashCode());
    for (int at = h & mask; ; at = (at + 1) & mask) {
      long slot = table[2 * at];
      if (slot == 0) {
        return -1;
      }
      if ((int) (slot >>> 32) == h && matches(slot, table[2 * at + 1], word)) {
        return (int) slot - 1;
      }
    }
  }

  /** The id of {@code word}, added with the next id when new. */
  public int add(String word) {
    int h = spread(word.hashCode());
    int at = h & mask;
    for (long slot; (slot = table[2 * at]) != 0; at = (at + 1) & mask) {
      if ((int) (slot >>> 32) == h && matches(slot, table[2 * at + 1], word)) {
        return (int) slot - 1;
      }
    }
    if (size == words.length) {
      words = Arrays.copyOf(words, size * 2);
    }
    int length = word.length();
    long key = (long) charCount << 16 | LONG_WORD; // a long word keeps only its String
    if (length < LONG_WORD) {
      if (charCount + length > chars.length) {
        chars = Arrays.copyOf(chars, Math.max(chars.length * 2, charCount + length));
      }
      word.getChars(0, length, chars, charCount);
      key = (long) charCount << 16 | length;
      charCount += length;
    }
    words[size] = word;
    table[2 * at] = (long) h << 32 | (size + 1L);
    table[2 * at + 1] = key;
    if (++size * 2 > mask + 1) {
      rehash();
    }
    return size - 1;
  }

  private boolean matches(long slot, long key, String word) {
    int length = (int) (key & LONG_WORD);
    if (length == LONG_WORD) {
      return words[(int) slot - 1].equals(word);
    }
    if (length != word.length()) {
      return false;
    }
    char[] c = chars;
    int offset = (int) (key >>> 16);
    for (int i = 0; i < length; i++) {
      if (c[offset + i] != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Distinct words added. */
  public int size() {
    return size;
  }

  /** The word with id {@code id}. */
  public String word(int id) {
    return words[id];
  }

  private void rehash() {
    long[] old = table;
    allocate((mask + 1) * 2);
    for (int i = 0; i < old.length; i += 2) {
      if (old[i] != 0) {
        int at = (int) (old[i] >>> 32) & mask;
        while (table[2 * at] != 0) {
          at = (at + 1) & mask;
        }
        table[2 * at] = old[i];
        table[2 * at + 1] = old[i + 1];
      }
    }
  }

  /** Mixes String.hashCode's low bits, which linear probing relies on (murmur3 finaliser). */
  private static int spread(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    return h ^ (h >>> 16);
  }
}
