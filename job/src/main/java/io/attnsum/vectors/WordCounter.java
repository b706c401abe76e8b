package io.attnsum.vectors;

import java.util.List;
import scala.Tuple2;

/**
 * Counts words: an open-addressing table of (word, hash, count) in parallel arrays. A probe
 * compares ints and reads a stored String only on a hash match, and an increment allocates
 * nothing; counting every token of a partition with {@code HashMap.computeIfAbsent} cost about
 * 300 ns a token here, mostly cache misses chasing entry objects. Not thread-safe.
 */
public final class WordCounter {
  private String[] words;
  private int[] hashes;
  private long[] counts;
  private int size;
  private int mask;

  public WordCounter() {
    this(1 << 14);
  }

  /** @param expected words expected; the table grows past it as needed */
  public WordCounter(int expected) {
    int capacity = Integer.highestOneBit(Math.max(8, expected * 2) - 1) << 1;
    allocate(capacity);
  }

  private void allocate(int capacity) {
    words = new String[capacity];
    hashes = new int[capacity];
    counts = new long[capacity];
    mask = capacity - 1;
  }

  /** Adds one occurrence of {@code word}. */
  public void add(String word) {
    add(word, 1);
  }

  /** Adds {@code n} occurrences of {@code word}. */
  public void add(String word, long n) {
    int h = spread(word.hashCode());
    int at = h & mask;
    while (words[at] != null) {
      if (hashes[at] == h && words[at].equals(word)) {
        counts[at] += n;
        return;
      }
      at = (at + 1) & mask;
    }
    words[at] = word;
    hashes[at] = h;
    counts[at] = n;
    if (++size * 2 > words.length) {
      grow();
    }
  }

  /** Count of {@code word}, 0 when never added. */
  public long count(String word) {
    int h = spread(word.hashCode());
    for (int at = h & mask; words[at] != null; at = (at + 1) & mask) {
      if (hashes[at] == h && words[at].equals(word)) {
        return counts[at];
      }
    }
    return 0;
  }

  /** Distinct words added. */
  public int size() {
    return size;
  }

  /** Calls {@code action} once per distinct word with its count, in table order. */
  public void forEach(java.util.function.ObjLongConsumer<String> action) {
    for (int i = 0; i < words.length; i++) {
      if (words[i] != null) {
        action.accept(words[i], counts[i]);
      }
    }
  }

  /** Appends one (word, count) pair per distinct word, in table order. */
  public void emit(List<Tuple2<String, Long>> out) {
    for (int i = 0; i < words.length; i++) {
      if (words[i] != null) {
        out.add(new Tuple2<>(words[i], counts[i]));
      }
    }
  }

  private void grow() {
    String[] oldWords = words;
    int[] oldHashes = hashes;
    long[] oldCounts = counts;
    allocate(oldWords.length * 2);
    for (int i = 0; i < oldWords.length; i++) {
      if (oldWords[i] != null) {
        int at = oldHashes[i] & mask;
        while (words[at] != null) {
          at = (at + 1) & mask;
        }
        words[at] = oldWords[i];
        hashes[at] = oldHashes[i];
        counts[at] = oldCounts[i];
      }
    }
  }

  /** Mixes String.hashCode's low bits, which linear probing relies on (murmur3 finaliser). */
  static int spread(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    return h ^ (h >>> 16);
  }
}
