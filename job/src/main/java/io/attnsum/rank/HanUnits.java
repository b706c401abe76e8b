package io.attnsum.rank;

/** What Chinese (Han) text counts as a term of the lexical similarity ({@code rank.lexical-han}). */
public enum HanUnits {
  /**
   * Each Han character: robust to word-segmentation errors (the segmenter splits names and
   * numerals into pieces, and splits the same word differently in different contexts), and the
   * unit Chinese ROUGE counts in.
   */
  CHARS,
  /** The text stage's words as they are. */
  WORDS
}
