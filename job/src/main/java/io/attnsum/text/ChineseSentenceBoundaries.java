package io.attnsum.text;

/**
 * Sentence boundaries of Chinese text: a sentence ends at 。！？；… and their variants (halfwidth ｡,
 * small and vertical forms, ⋯), at a full stop written as ASCII "." or "．" after a Chinese
 * character, and at ASCII "!" "?" ";" unless they sit inside an ASCII word such as a URL
 * ("a.com/?q=1"). A run of terminators ("！？", "……", "。。。") is one boundary, and the closing quotes
 * and brackets after it (”』」）》】 ...) stay with the sentence they close. Straight double quotes,
 * which some sources use for both opening and closing, count as closing only when an earlier one on
 * the line is still open. Line breaks always end a sentence.
 */
final class ChineseSentenceBoundaries implements BoundaryFinder {

  @Override
  public void find(String text, Boundaries out) {
    int n = text.length();
    boolean quoteOpen = false;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (TextChars.isLineBreak(c)) {
        out.add(i + 1);
        quoteOpen = false;
        continue;
      }
      if (isStraightDoubleQuote(c)) {
        quoteOpen = !quoteOpen;
        continue;
      }
      if (!endsSentence(text, i)) {
        continue;
      }
      int j = i + 1;
      while (j < n) {
        char d = text.charAt(j);
        if (isTerminatorChar(d) || isCloser(d)) {
          j++;
        } else if (quoteOpen && isStraightDoubleQuote(d)) {
          quoteOpen = false;
          j++;
        } else {
          break;
        }
      }
      out.add(j);
      i = j - 1;
    }
  }

  /** Whether the character at {@code i} ends a sentence (the first of a run of terminators). */
  static boolean endsSentence(String text, int i) {
    char c = text.charAt(i);
    switch (c) {
      case '。', '｡', '︒', '！', '﹗', '？', '﹖', '；', '﹔', '…', '⋯', '︙':
        return true;
      case '!', '?', ';':
        // Not inside an ASCII word or URL: "a?b", "x.com/?q".
        return !(i > 0
            && isAsciiVisible(text.charAt(i - 1))
            && i + 1 < text.length()
            && isAsciiVisible(text.charAt(i + 1)));
      case '.', '．':
        // A full stop after a Chinese character, not a decimal point or a domain ("新浪.com").
        return i > 0
            && isChineseContext(text.charAt(i - 1))
            && (i + 1 >= text.length()
                || !(TextChars.isAsciiLetterOrDigit(text.charAt(i + 1))
                    || Character.isDigit(text.charAt(i + 1))));
      default:
        return false;
    }
  }

  /** Characters that continue a run of terminators once a sentence has ended. */
  private static boolean isTerminatorChar(char c) {
    return "。｡︒！﹗？﹖；﹔…⋯︙!?;.．".indexOf(c) >= 0;
  }

  private static boolean isCloser(char c) {
    return "”’」』）)]】》〉〕］〗〙｝}»›".indexOf(c) >= 0;
  }

  private static boolean isStraightDoubleQuote(char c) {
    return c == '"' || c == '＂';
  }

  private static boolean isAsciiVisible(char c) {
    return c > ' ' && c < 0x7F;
  }

  /** Han characters, CJK punctuation and fullwidth forms, closing brackets and quotes. */
  private static boolean isChineseContext(char c) {
    return (c >= 0x2E80 && c <= 0x9FFF)
        || (c >= 0xF900 && c <= 0xFAFF)
        || (c >= 0xFF00 && c <= 0xFFEF)
        || Character.isSurrogate(c)
        || isCloser(c);
  }
}
