package io.attnsum.text;

/**
 * Corpus frequencies of the text stage's words, for weights that need p(word) (the lexical
 * similarity's SIF factor, the attention prior over word vectors). Rows are dense ids.
 */
public interface WordFrequencies {
  /** Row of {@code word}, or −1 when the corpus count does not know it. */
  int indexOf(String word);

  /** Occurrences of the word in row {@code row}. */
  long count(int row);

  /** Occurrences of all words together (at least 1). */
  long totalCount();

  /** Number of rows. */
  int size();
}
