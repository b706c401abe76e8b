package io.attnsum.vectors;

import java.util.HashMap;
import java.util.Map;

/**
 * Word vectors packed for lookup: a row-major float matrix {@code [size, dim]} plus a word index
 * and each word's corpus count (for frequency-based token priors such as SIF). Immutable and
 * safe to share between threads; one instance per executor JVM (see {@code VectorPackCache}).
 */
public final class VectorPack {
  private final String[] words;
  private final float[] data;
  private final long[] counts;
  private final long totalCount;
  private final int dim;
  private final Map<String, Integer> index;

  /**
   * @param words the vocabulary, row order
   * @param data row-major {@code [words.length, dim]}
   * @param counts corpus count per word (same order), or null when unknown (all 1)
   */
  public VectorPack(String[] words, float[] data, int dim, long[] counts) {
    if (dim <= 0 || data.length != (long) words.length * dim) {
      throw new IllegalArgumentException(
          "data has " + data.length + " floats, expected " + words.length + " x " + dim);
    }
    this.words = words;
    this.data = data;
    this.dim = dim;
    this.counts = counts != null ? counts : filled(words.length);
    if (this.counts.length != words.length) {
      throw new IllegalArgumentException("counts and words differ in length");
    }
    long total = 0;
    for (long c : this.counts) {
      total += c;
    }
    this.totalCount = Math.max(1, total);
    this.index = new HashMap<>(words.length * 2);
    for (int i = 0; i < words.length; i++) {
      if (index.putIfAbsent(words[i], i) != null) {
        throw new IllegalArgumentException("duplicate word in pack: " + words[i]);
      }
    }
  }

  private static long[] filled(int n) {
    long[] c = new long[n];
    java.util.Arrays.fill(c, 1L);
    return c;
  }

  public int dim() {
    return dim;
  }

  public int size() {
    return words.length;
  }

  /** Row of {@code word}, or -1 when the pack has no vector for it. */
  public int indexOf(String word) {
    Integer i = index.get(word);
    return i == null ? -1 : i;
  }

  public String word(int row) {
    return words[row];
  }

  public long count(int row) {
    return counts[row];
  }

  public long totalCount() {
    return totalCount;
  }

  /** The backing row-major matrix; callers must not modify it. */
  public float[] data() {
    return data;
  }

  /** Copies row {@code row} into {@code dst[offset .. offset+dim)}. */
  public void copyRow(int row, float[] dst, int offset) {
    System.arraycopy(data, row * dim, dst, offset, dim);
  }
}
