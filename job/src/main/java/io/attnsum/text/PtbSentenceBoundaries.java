package io.attnsum.text;

import java.util.Locale;
import java.util.Set;

/**
 * Sentence boundaries of pre-tokenized (Penn Treebank style) text such as the CNN/DailyMail
 * release: tokens separated by spaces, often lowercased, so capitalisation says nothing and a
 * sentence ends at a stand-alone ".", "?" or "!" token (or a run of them), together with the
 * closing quotes and brackets that follow it ({@code ''}, {@code ’}, {@code )}, {@code -rrb-}).
 *
 * <p>Exceptions, where the boundary would be wrong:
 *
 * <ul>
 *   <li>the next token continues the sentence ("," ";" ":");
 *   <li>a "!" or "?" between a lone letter and a word is a tokenized name ("p ! nk" for P!nk);
 *   <li>a "." after a title, where the tokenizer split "Gov." ("indiana gov . mike pence");
 *   <li>a quotation ending in "?" or "!" is followed by its speech tag ("`` why ? '' he asked").
 * </ul>
 *
 * A stand-alone "..." does not end a sentence (in this form it mostly marks an elision). Line
 * breaks always end a sentence. Straight quotes {@code '} and {@code "} count as closing only when
 * an earlier one is still open.
 */
final class PtbSentenceBoundaries implements BoundaryFinder {
  /** Titles before a name, which the tokenizer may have split from their period. */
  static final Set<String> TITLES =
      TextChars.words(
          "mr mrs ms messrs dr prof gov sen sens rep reps gen gens col lt sgt capt cpl pvt "
              + "maj adm cmdr brig rev fr msgr hon pres supt det insp atty amb st mt ft");

  /** Verbs of a speech tag after a quotation: "'' he said", "'' asked the minister". */
  static final Set<String> SPEECH_VERBS =
      TextChars.words(
          "said says say asked asks ask added adds told tells wrote writes tweeted tweets "
              + "posted replied replies responded responds explained explains continued continues "
              + "insisted insists admitted admits recalled recalls shouted yelled screamed cried "
              + "laughed laughs joked jokes whispered exclaimed wondered wonders noted notes "
              + "quipped demanded declared warned warns urged pleaded begged sang sings captioned");

  @Override
  public void find(String text, Boundaries out) {
    int n = text.length();
    // Token spans, found lazily: [start, end) of the current and following tokens.
    boolean singleQuoteOpen = false;
    boolean doubleQuoteOpen = false;
    int prevStart = -1;
    int prevEnd = -1;
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (TextChars.isSpace(c)) {
        if (TextChars.isLineBreak(c)) {
          out.add(i + 1);
          singleQuoteOpen = false;
          doubleQuoteOpen = false;
          prevStart = -1;
        }
        i++;
        continue;
      }
      int start = i;
      int end = tokenEnd(text, i);
      i = end;
      if (isStraightQuote(text, start, end, '\'')) {
        if (!(prevEnd > 0 && text.charAt(prevEnd - 1) == 's')) { // "the players ' union"
          singleQuoteOpen = !singleQuoteOpen;
        }
      } else if (isStraightQuote(text, start, end, '"')) {
        doubleQuoteOpen = !doubleQuoteOpen;
      }
      if (!isTerminator(text, start, end)
          || isInsideName(text, prevStart, prevEnd, start, end)
          || followsTitle(text, prevStart, prevEnd, start, end)) {
        prevStart = start;
        prevEnd = end;
        continue;
      }
      // Absorb further terminators and the closing quotes and brackets after them.
      int boundary = end;
      boolean strong = text.charAt(start) != '.';
      boolean quoted = false;
      while (true) {
        int k = skipHorizontalSpace(text, boundary);
        if (k >= n || TextChars.isLineBreak(text.charAt(k))) {
          break;
        }
        int e = tokenEnd(text, k);
        if (isTerminator(text, k, e)) {
          strong |= text.charAt(k) != '.';
          boundary = e;
        } else if (isCloser(text, k, e)) {
          quoted |= isQuote(text, k, e);
          boundary = e;
        } else if (singleQuoteOpen && isStraightQuote(text, k, e, '\'')) {
          singleQuoteOpen = false;
          quoted = true;
          boundary = e;
        } else if (doubleQuoteOpen && isStraightQuote(text, k, e, '"')) {
          doubleQuoteOpen = false;
          quoted = true;
          boundary = e;
        } else {
          break;
        }
      }
      int next = skipHorizontalSpace(text, boundary);
      if (next >= n
          || !(continuesSentence(text, next, tokenEnd(text, next))
              || (strong && quoted && startsSpeechTag(text, next)))) {
        out.add(boundary);
      }
      prevStart = start;
      prevEnd = boundary;
      i = boundary;
    }
  }

  private static int tokenEnd(String text, int i) {
    int n = text.length();
    while (i < n && !TextChars.isSpace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int skipHorizontalSpace(String text, int i) {
    int n = text.length();
    while (i < n && TextChars.isHorizontalSpace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  /** ".", or a run of "?" "!" (and "."), holding at least one "?" or "!": "?", "!!", "?!". */
  private static boolean isTerminator(String text, int start, int end) {
    if (end - start == 1 && text.charAt(start) == '.') {
      return true;
    }
    boolean strong = false;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c == '?' || c == '!') {
        strong = true;
      } else if (c != '.') {
        return false;
      }
    }
    return strong;
  }

  private static boolean isCloser(String text, int start, int end) {
    int len = end - start;
    if (len == 1) {
      return "’”»)]}".indexOf(text.charAt(start)) >= 0;
    }
    if (len == 2) {
      return text.startsWith("''", start);
    }
    if (len == 5) {
      return text.regionMatches(true, start, "-rrb-", 0, 5)
          || text.regionMatches(true, start, "-rsb-", 0, 5)
          || text.regionMatches(true, start, "-rcb-", 0, 5);
    }
    return false;
  }

  private static boolean isQuote(String text, int start, int end) {
    char c = text.charAt(start);
    return c == '\'' || c == '’' || c == '”' || c == '"' || c == '»';
  }

  /** "." after a title and before a word: "gov . mike pence". */
  private static boolean followsTitle(String text, int prevStart, int prevEnd, int start, int end) {
    if (end - start != 1 || text.charAt(start) != '.' || prevStart < 0 || prevEnd - prevStart > 7) {
      return false;
    }
    int next = skipHorizontalSpace(text, end);
    return next < text.length()
        && Character.isLetter(text.charAt(next))
        && TITLES.contains(text.substring(prevStart, prevEnd).toLowerCase(Locale.ROOT));
  }

  /** Whether a speech verb comes within the next four words, before any punctuation. */
  private static boolean startsSpeechTag(String text, int from) {
    int i = from;
    for (int words = 0; words < 4 && i < text.length(); words++) {
      if (TextChars.isLineBreak(text.charAt(i))) {
        return false;
      }
      int end = tokenEnd(text, i);
      if (!Character.isLetter(text.charAt(i))) {
        return false;
      }
      if (SPEECH_VERBS.contains(text.substring(i, end).toLowerCase(Locale.ROOT))) {
        return true;
      }
      i = skipHorizontalSpace(text, end);
    }
    return false;
  }

  private static boolean isStraightQuote(String text, int start, int end, char quote) {
    return end - start == 1 && text.charAt(start) == quote;
  }

  /** A token that carries on the sentence after a terminator: "," ";" ":". */
  private static boolean continuesSentence(String text, int start, int end) {
    if (end - start != 1) {
      return false;
    }
    char c = text.charAt(start);
    return c == ',' || c == ';' || c == ':';
  }

  /** "p ! nk": a single "!" or "?" between a lone letter (not "i" or "a") and a word. */
  private static boolean isInsideName(String text, int prevStart, int prevEnd, int start, int end) {
    if (end - start != 1 || prevStart < 0 || prevEnd - prevStart != 1) {
      return false;
    }
    char letter = Character.toLowerCase(text.charAt(prevStart));
    if (!Character.isLetter(letter) || letter == 'i' || letter == 'a') {
      return false;
    }
    int next = skipHorizontalSpace(text, end);
    return next < text.length() && Character.isLetter(text.charAt(next));
  }
}
