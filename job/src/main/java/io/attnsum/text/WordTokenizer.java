package io.attnsum.text;

import java.util.List;

/** Cuts a sentence into surface words (not yet normalised); punctuation is not a word. */
interface WordTokenizer {
  void tokenize(String text, List<String> out);
}
