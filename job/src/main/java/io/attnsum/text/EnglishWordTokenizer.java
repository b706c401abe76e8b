package io.attnsum.text;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import java.util.List;

/**
 * Words by ICU4J's Unicode word breaks (UAX #29, with ICU's dictionaries for scripts written
 * without spaces): a segment is a word when ICU tags it as a number, letters, kana or ideographs,
 * so punctuation, spaces and symbols drop out. "U.S", "don't", "3.5", "1.5bn" stay whole; "e-mail"
 * is two words. Skipped as artefacts: the bracket tokens of Penn Treebank tokenization ({@code
 * -lrb-} {@code -rrb-}, and -lsb-, -rsb-, -lcb-, -rcb-); the "s" of a clitic {@code 's} detached by
 * such tokenization, so that "obama 's" gives the same word as "Obama's" after {@link
 * TokenNormalizer} strips the possessive; and HTML character references left in scraped text
 * ("&amp;lsquo;", "&amp;gt;", "&amp;#39;").
 */
final class EnglishWordTokenizer implements WordTokenizer {
  private final BreakIterator words = BreakIterator.getWordInstance(ULocale.ROOT);

  @Override
  public void tokenize(String text, List<String> out) {
    words.setText(text);
    int start = words.first();
    for (int end = words.next(); end != BreakIterator.DONE; start = end, end = words.next()) {
      if (words.getRuleStatus() < BreakIterator.WORD_NONE_LIMIT) {
        continue;
      }
      if (isBracketToken(text, start, end)
          || isDetachedClitic(text, start, end)
          || isCharacterReference(text, start, end)) {
        continue;
      }
      out.add(text.substring(start, end));
    }
    words.setText("");
  }

  private static boolean isBracketToken(String text, int start, int end) {
    if (end - start != 3 || start == 0 || end >= text.length()) {
      return false;
    }
    if (text.charAt(start - 1) != '-' || text.charAt(end) != '-') {
      return false;
    }
    char a = Character.toLowerCase(text.charAt(start));
    char b = Character.toLowerCase(text.charAt(start + 1));
    char c = Character.toLowerCase(text.charAt(start + 2));
    return (a == 'l' || a == 'r') && (b == 'r' || b == 's' || b == 'c') && c == 'b';
  }

  private static boolean isCharacterReference(String text, int start, int end) {
    if (end >= text.length() || text.charAt(end) != ';' || start == 0) {
      return false;
    }
    char before = text.charAt(start - 1);
    return before == '&' || (before == '#' && start >= 2 && text.charAt(start - 2) == '&');
  }

  private static boolean isDetachedClitic(String text, int start, int end) {
    return end - start == 1
        && (text.charAt(start) | 0x20) == 's'
        && start >= 1
        && TextChars.isApostrophe(text.charAt(start - 1))
        && (start == 1 || TextChars.isSpace(text.charAt(start - 2)));
  }
}
