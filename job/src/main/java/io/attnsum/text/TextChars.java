package io.attnsum.text;

import java.util.Set;

/** Character classes shared by the splitters and tokenizers (and, for Han, the rank stage). */
public final class TextChars {
  private TextChars() {}

  /**
   * Whitespace as far as sentence edges are concerned: Java whitespace, Unicode space separators
   * (no-break space, ideographic space U+3000) and the invisible zero-width space and byte-order
   * mark. Sentences are trimmed of these, and only these may lie between two sentences.
   */
  static boolean isSpace(char c) {
    if (c <= ' ') {
      return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\u001C' && c <= '\u001F');
    }
    if (c < '\u0085') {
      return false;
    }
    return Character.isWhitespace(c)
        || Character.isSpaceChar(c)
        || c == '\u0085'
        || c == '\u200B'
        || c == '\uFEFF';
  }

  /** Characters that end a line: every splitter ends a sentence at a line break. */
  static boolean isLineBreak(char c) {
    return c == '\n'
        || c == '\r'
        || c == '\u000B'
        || c == '\u000C'
        || c == '\u0085'
        || c == '\u2028'
        || c == '\u2029';
  }

  /** Whitespace that does not end a line. */
  static boolean isHorizontalSpace(char c) {
    return isSpace(c) && !isLineBreak(c);
  }

  /** A Han (Chinese) character; one comparison for everything below the CJK blocks. */
  public static boolean isHan(int cp) {
    if (cp < 0x2E80) {
      return false;
    }
    if (cp >= 0x4E00 && cp <= 0x9FFF) {
      return true;
    }
    return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
  }

  static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /** Whether {@code s[start, end)} holds at least one letter or digit. */
  static boolean hasLetterOrDigit(CharSequence s, int start, int end) {
    for (int i = start; i < end; ) {
      int cp = Character.codePointAt(s, i);
      if (Character.isLetterOrDigit(cp)) {
        return true;
      }
      i += Character.charCount(cp);
    }
    return false;
  }

  /** The words of a space-separated list, for word lists written as text. */
  static Set<String> words(String spaceSeparated) {
    return Set.of(spaceSeparated.trim().split("\\s+"));
  }

  static boolean isApostrophe(char c) {
    return c == '\'' || c == '\u2019' || c == '\u2018' || c == '\u02BC' || c == '\uFF07';
  }
}
