package io.attnsum.vectors;

import java.util.Arrays;

/**
 * Words to dense ids 0, 1, 2, ... in insertion order: an open-addressing table whose slots hold
 * id + 1 (0 = empty) and the word's hash, so a probe compares ints and reads a stored String only
 * on a hash match, and a lookup allocates nothing. {@code HashMap<String, Integer>} cost about
 * three times as much a lookup here, mostly cache misses chasing entry objects. Shared by {@link
 * VectorPack} (word to row) and {@link WordCounter}. Not thread-safe while adding.
 */
final class WordIndex {
  private String[] words;
  private int[] slots;
  private int[] slotHashes;
  private int size;
  private int mask;

  /** @param expected words expected; the table grows past it as needed */
  WordIndex(int expected) {
    words = new String[Math.max(4, expected)];
    allocate(Integer.highestOneBit(Math.max(8, expected * 2) - 1) << 1);
  }

  private void allocate(int capacity) {
    slots = new int[capacity];
    slotHashes = new int[capacity];
    mask = capacity - 1;
  }

  /** The id of {@code word}, or -1 when it was never added. */
  int indexOf(String word) {
    int h = spread(word.hashCode());
    for (int at = h & mask; ; at = (at + 1) & mask) {
      int id = slots[at] - 1;
      if (id < 0) {
        return -1;
      }
      if (slotHashes[at] == h && words[id].equals(word)) {
        return id;
      }
    }
  }

  /** The id of {@code word}, added with the next id when new. */
  int add(String word) {
    int h = spread(word.hashCode());
    int at = h & mask;
    for (; slots[at] != 0; at = (at + 1) & mask) {
      int id = slots[at] - 1;
      if (slotHashes[at] == h && words[id].equals(word)) {
        return id;
      }
    }
    if (size == words.length) {
      words = Arrays.copyOf(words, size * 2);
    }
    words[size] = word;
    slots[at] = size + 1;
    slotHashes[at] = h;
    if (++size * 2 > slots.length) {
      rehash();
    }
    return size - 1;
  }

  /** Distinct words added. */
  int size() {
    return size;
  }

  /** The word with id {@code id}. */
  String word(int id) {
    return words[id];
  }

  private void rehash() {
    int[] oldSlots = slots;
    int[] oldHashes = slotHashes;
    allocate(oldSlots.length * 2);
    for (int i = 0; i < oldSlots.length; i++) {
      if (oldSlots[i] != 0) {
        int at = oldHashes[i] & mask;
        while (slots[at] != 0) {
          at = (at + 1) & mask;
        }
        slots[at] = oldSlots[i];
        slotHashes[at] = oldHashes[i];
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
