package io.attnsum.attention;

import java.util.Arrays;

/**
 * The distinct token-table rows of a sequence of tokens, in order of first occurrence, with how
 * often each occurs: a slot per table row (−1 = not seen) instead of a hash map, so adding a token
 * is one array read. Reused sequence after sequence: {@link #clear()} resets only the slots used.
 * The pooler keeps one for a document's centroid and one for a sentence window's attention.
 */
final class DistinctRows {
  private int[] slotOfRow = new int[0]; // grown to the table's size on use
  private int[] rows = new int[64];
  private int[] counts = new int[64];
  private int size;

  /** Makes room for the rows of a table of {@code tableSize} rows (call when empty). */
  void fit(int tableSize) {
    if (slotOfRow.length < tableSize) {
      slotOfRow = new int[tableSize];
      Arrays.fill(slotOfRow, -1);
    }
  }

  /** Counts one occurrence of {@code row}; returns its slot (0 for the first distinct row). */
  int add(int row) {
    int slot = slotOfRow[row];
    if (slot >= 0) {
      counts[slot]++;
      return slot;
    }
    if (size == rows.length) {
      rows = Arrays.copyOf(rows, size * 2);
      counts = Arrays.copyOf(counts, size * 2);
    }
    slotOfRow[row] = size;
    rows[size] = row;
    counts[size] = 1;
    return size++;
  }

  int size() {
    return size;
  }

  /** Rows by slot; valid up to {@link #size()} until the next {@link #add} or {@link #clear}. */
  int[] rows() {
    return rows;
  }

  /** Occurrences by slot, as {@link #rows()}. */
  int[] counts() {
    return counts;
  }

  /** Forgets the sequence, ready for the next. */
  void clear() {
    for (int i = 0; i < size; i++) {
      slotOfRow[rows[i]] = -1;
    }
    size = 0;
  }
}
