package io.attnsum.rank;

import io.attnsum.text.AnalyzedDocument;
import io.attnsum.text.Sentence;
import java.util.List;

/**
 * Finds headings: a title or section heading is its own paragraph (followed by a blank line) and
 * has no sentence-final punctuation ("Apple laptop is 'greatest gadget'\n\nThe Apple ..."). The
 * text stage keeps such lines as sentences (their text is part of the document), but a heading
 * only announces what follows, so extractive summaries, and the reference summaries they are
 * measured against, leave it out. List items (followed by a single line break) are not headings.
 */
final class Headings {
  private static final String FINAL = ".!?。！？；;…:：";
  private static final String CLOSING = "\"'”’»)]}）」』】〕";

  private Headings() {}

  /** Per sentence: is it a heading. */
  static boolean[] of(AnalyzedDocument doc) {
    List<Sentence> sentences = doc.sentences();
    boolean[] heading = new boolean[sentences.size()];
    String text = doc.text();
    for (int i = 0; i + 1 < sentences.size(); i++) {
      Sentence s = sentences.get(i);
      heading[i] = !endsLikeASentence(s.text()) && blankLineBetween(text, s.end(), sentences.get(i + 1).start());
    }
    return heading;
  }

  static boolean endsLikeASentence(String sentence) {
    int i = sentence.length() - 1;
    while (i >= 0 && (Character.isWhitespace(sentence.charAt(i)) || CLOSING.indexOf(sentence.charAt(i)) >= 0)) {
      i--;
    }
    return i >= 0 && FINAL.indexOf(sentence.charAt(i)) >= 0;
  }

  /** Whether the gap [from, to) of the document holds two line breaks (a blank line). */
  static boolean blankLineBetween(String text, int from, int to) {
    if (text == null || from < 0 || to > text.length() || from >= to) {
      return false;
    }
    int breaks = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        breaks++;
      } else if (c == '\r' && i + 1 < to && text.charAt(i + 1) == '\n') {
        continue;
      } else if (c == '\r') {
        breaks++;
      }
    }
    return breaks >= 2;
  }
}
