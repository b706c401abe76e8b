package io.attnsum.text;

import java.util.Arrays;

/**
 * Positions in a text where one sentence may end and the next begin, as the boundary finders report
 * them: possibly unsorted, possibly repeated, 0 and the text length allowed.
 */
final class Boundaries {
  private int[] positions = new int[64];
  private int size;

  void add(int position) {
    if (size == positions.length) {
      positions = Arrays.copyOf(positions, size * 2);
    }
    positions[size++] = position;
  }

  /** The distinct positions inside {@code (0, length)}, ascending, followed by {@code length}. */
  int[] cuts(int length) {
    int[] sorted = Arrays.copyOf(positions, size);
    Arrays.sort(sorted);
    int[] out = new int[size + 1];
    int n = 0;
    for (int p : sorted) {
      if (p > 0 && p < length && (n == 0 || out[n - 1] != p)) {
        out[n++] = p;
      }
    }
    out[n++] = length;
    return Arrays.copyOf(out, n);
  }
}
