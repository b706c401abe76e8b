package io.attnsum.text;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import com.ibm.icu.util.UResourceBundle;
import java.nio.CharBuffer;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sentence boundaries of raw English text: ICU4J's Unicode sentence breaks (UAX #29), with the
 * abbreviations of CLDR's English list (the list behind ICU's {@code en@ss=standard}) and the
 * corrections UAX #29 cannot express.
 *
 * <p>Before ICU, a <em>shadow</em> of the text is made: a copy of the same length in which a few
 * characters are replaced, so every boundary ICU reports is also a position in the original text:
 *
 * <ul>
 *   <li>"…" becomes "." so that an ellipsis followed by a capital ends a sentence, as "..." does;
 *   <li>a single line break followed by a lowercase letter becomes a space (hard-wrapped text); any
 *       other line break ends a sentence (headlines, list items), as in UAX #29;
 *   <li>"?" and "!" followed (after closing quotes or brackets and spaces, if any) by a lowercase
 *       letter become ",": a quotation or a name goes on ("\"Really?\" she asked", "P!nk");
 *   <li>".", "!" and "?" inside URLs and e-mail addresses become "_".
 * </ul>
 *
 * <p>After ICU, a boundary is dropped when the word before it is an abbreviation ({@link
 * #isAbbreviation}), and boundaries are added where UAX #29 keeps two sentences together: where a
 * lowercase word, a period and a capitalised word are run together ("grew.For the year", rule SB7),
 * and where the next sentence starts with a number ("he said. \"2005 will be ...", "... in 2003.
 * 80% of ...", rule SB8 looks past digits for a lowercase word).
 *
 * <p>ICU's own filter ({@code FilteredBreakIteratorBuilder}) is not used: it matches an
 * abbreviation against the end of any word ("pp." suppresses the break after "app.", "Mr." after
 * "XMr.") and ignores entries with inner periods such as "e.g." when the break follows them.
 */
final class EnglishSentenceBoundaries implements BoundaryFinder {

  /**
   * Abbreviations that CLDR's English list lacks and that are mostly followed by a capitalised name
   * or a number: titles, months, reference words of scientific text. Case-sensitive, like the CLDR
   * list. Company suffixes (Inc., Ltd., Corp., Co.) and "etc." are left out on purpose: they end
   * sentences as often as not.
   */
  static final Set<String> EXTRA_ABBREVIATIONS =
      TextChars.words(
          "Dr. Drs. Gen. Gov. Sen. Sens. Reps. Adm. Cmdr. Cpl. Det. Insp. Supt. Brig. Gens. "
              + "Amb. Atty. Pres. Fr. Jr. Sr. Messrs. Mmes. Msgr. Rt. Hon. Mme. Mlle. St. Ste. "
              + "Mt. Ft. Apr. Jul. Oct. No. Nos. Fig. Figs. Eq. Eqs. Sec. Secs. Tab. Ch. Chap. "
              + "Vol. Vols. Ref. Refs. App. Thm. Lem. Prop. Cor. Alg. e.g. i.e. al. cf. Cf. viz. "
              + "approx. resp. ca. p. Univ. Assn. Bros. Ave. Blvd.");

  /**
   * CLDR entries left out: ordinary words and acronyms that end sentences when capitalised ("the
   * Patriot Act. The bill ...", "It was OK. Then ...", "on a user's PC. It ..."), and
   * "a.m."/"p.m.", which {@link #isAbbreviation} keeps only before a word of {@link #TIME_WORDS}.
   */
  static final Set<String> NOT_ABBREVIATIONS =
      TextChars.words(
          "Act. All. As. By. Card. Do. Go. Hat. In. Is. Job. Joe. Link. Long. Mart. OK. Ok. "
              + "On. Or. To. Up. Pro. PC. DC. AD. AA. AB. Id. a.m. A.M. P.M.");

  /** Words after "a.m."/"p.m." that continue the sentence: "3 p.m. Tuesday", "9 a.m. ET". */
  static final Set<String> TIME_WORDS =
      TextChars.words(
          "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March "
              + "April May June July August September October November December Jan Feb Mar Apr "
              + "Jun Jul Aug Sep Sept Oct Nov Dec ET EST EDT CT CST CDT MT MST MDT PT PST PDT GMT "
              + "BST UTC CET CEST Eastern Central Mountain Pacific local");

  /** Capitalised words that usually start a sentence and are not names. */
  static final Set<String> SENTENCE_STARTERS =
      TextChars.words(
          "The A An He She It They We I You This That These Those There Here In On At But "
              + "And Or So If When While After Before As His Her Its Their Our My Your What Who "
              + "Why How Where Some Many Most All No Not For To By With From Of One Yet Also Then "
              + "However Meanwhile Now Still Even Such Each Every Both Other Another Only Since "
              + "Because Although Though Despite During Under Over Among Today Yesterday Last "
              + "Next Instead Thus Hence Therefore Moreover Furthermore Finally First Second "
              + "Third Later Earlier According Until Unlike Like");

  /** One to four capital letters, each followed by a period: initials and dotted acronyms. */
  private static final Pattern INITIALS = Pattern.compile("(?:\\p{Lu}\\.){1,4}");

  /** Closing quotes and brackets. */
  private static final String CLOSERS = "\"'”’»)]}";

  /** Opening quotes and brackets, which may stand before an abbreviation: "(Fig. 3)". */
  private static final String OPENERS = "\"'“‘([{";

  /**
   * URLs (with a scheme or starting "www.") and e-mail addresses. The look-behind makes an address
   * start at the beginning of a word, so a long run of word characters is scanned once, not once
   * per position.
   */
  private static final Pattern LINK =
      Pattern.compile(
          "(?:(?:https?|ftp)://|www\\.)[^\\s<>\"“”‘’]+"
              + "|(?<![\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]+"
              + "@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+",
          Pattern.CASE_INSENSITIVE);

  /** Read once per JVM: CLDR's list from ICU's data, adjusted as above. */
  private static final class Abbreviations {
    static final Set<String> ALL = load();

    private static Set<String> load() {
      Set<String> all = new HashSet<>();
      UResourceBundle exceptions =
          UResourceBundle.getBundleInstance("com/ibm/icu/impl/data/icudata/brkitr", "en")
              .get("exceptions")
              .get("SentenceBreak");
      for (int i = 0; i < exceptions.getSize(); i++) {
        all.add(exceptions.getString(i));
      }
      all.removeAll(NOT_ABBREVIATIONS);
      all.addAll(EXTRA_ABBREVIATIONS);
      return Set.copyOf(all);
    }
  }

  /** ICU caches the compiled rules; each finder has its own (stateful) iterator. */
  private final BreakIterator sentences = BreakIterator.getSentenceInstance(ULocale.ENGLISH);

  private final Set<String> abbreviations = Abbreviations.ALL;

  @Override
  public void find(String text, Boundaries out) {
    char[] shadow = shadow(text);
    CharSequence view = shadow == null ? text : CharBuffer.wrap(shadow);
    sentences.setText(view);
    for (int b = sentences.next(); b != BreakIterator.DONE; b = sentences.next()) {
      if (!followsAbbreviation(text, view, b)) {
        out.add(b);
      }
    }
    sentences.setText("");
    addRunTogetherSentences(view, out);
    addSentencesStartingWithNumbers(text, view, out);
  }

  /** The text as ICU should see it, or null when that is the text itself. */
  static char[] shadow(String text) {
    char[] shadow = null;
    int n = text.length();
    boolean lineHasText = false;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (TextChars.isLineBreak(c)) {
        int next = c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? i + 2 : i + 1;
        if (lineHasText && c != '\u2029' && continuesLowercase(text, next)) {
          shadow = copyOf(text, shadow);
          for (int j = i; j < next; j++) {
            shadow[j] = ' ';
          }
        }
        i = next - 1;
        lineHasText = false;
        continue;
      }
      if (!TextChars.isSpace(c)) {
        lineHasText = true;
      }
      if (c == '\u2026') {
        shadow = copyOf(text, shadow);
        shadow[i] = '.';
      } else if ((c == '?' || c == '!') && continuesLowercase(text, skipClosers(text, i + 1))) {
        shadow = copyOf(text, shadow);
        shadow[i] = ',';
      }
    }
    if (text.indexOf('@') >= 0 || text.indexOf("://") >= 0 || text.indexOf("www.") >= 0) {
      Matcher m = LINK.matcher(text);
      while (m.find()) {
        int end = linkEnd(text, m.start(), m.end());
        for (int i = m.start(); i < end; i++) {
          char c = text.charAt(i);
          if (c == '.' || c == '!' || c == '?') {
            shadow = copyOf(text, shadow);
            shadow[i] = '_';
          }
        }
      }
    }
    return shadow;
  }

  private static char[] copyOf(String text, char[] shadow) {
    return shadow != null ? shadow : text.toCharArray();
  }

  /** Whether the line starting at {@code from} begins (after spaces) with a lowercase letter. */
  private static boolean continuesLowercase(String text, int from) {
    int n = text.length();
    int k = from;
    while (k < n && TextChars.isHorizontalSpace(text.charAt(k))) {
      k++;
    }
    return k < n && Character.isLowerCase(text.codePointAt(k));
  }

  private static int skipClosers(String text, int from) {
    int k = from;
    while (k < text.length() && CLOSERS.indexOf(text.charAt(k)) >= 0) {
      k++;
    }
    return k;
  }

  /**
   * Whether the word before boundary {@code b} (and the spaces before it, on the same line as ICU
   * sees it) is an abbreviation.
   */
  private boolean followsAbbreviation(String text, CharSequence view, int b) {
    int end = b;
    while (end > 0 && TextChars.isSpace(text.charAt(end - 1))) {
      if (TextChars.isLineBreak(view.charAt(end - 1))) {
        return false;
      }
      end--;
    }
    if (end == b || end == 0 || text.charAt(end - 1) != '.') {
      return false;
    }
    int start = end - 1;
    while (start > 0 && !TextChars.isSpace(text.charAt(start - 1))) {
      start--;
    }
    while (start < end && OPENERS.indexOf(text.charAt(start)) >= 0) {
      start++;
    }
    return isAbbreviation(text.substring(start, end), text, b);
  }

  /**
   * Whether {@code word} (ending in ".") is an abbreviation that does not end the sentence when the
   * text goes on at {@code next}:
   *
   * <ul>
   *   <li>initials and dotted acronyms ("J.", "J.R.R.", "U.S.") unless the next word is one that
   *       usually starts a sentence ({@link #SENTENCE_STARTERS}): "J. K. Rowling", "George W.
   *       Bush", "U.S. President" go on, "in the U.S. The ..." and "Plan B. Then ..." end ("Malcolm
   *       X. Attallah ..." does not, the price of the rule);
   *   <li>a word of the list (whole words, case-sensitive);
   *   <li>"a.m."/"p.m." before a weekday, month or time zone.
   * </ul>
   */
  boolean isAbbreviation(String word, String text, int next) {
    if (INITIALS.matcher(word).matches()) {
      return !SENTENCE_STARTERS.contains(wordAt(text, next));
    }
    if (abbreviations.contains(word)) {
      return true;
    }
    if (word.equalsIgnoreCase("a.m.") || word.equalsIgnoreCase("p.m.")) {
      return TIME_WORDS.contains(wordAt(text, next));
    }
    return false;
  }

  private static String wordAt(String text, int start) {
    int end = start;
    while (end < text.length() && Character.isLetter(text.charAt(end))) {
      end++;
    }
    return text.substring(start, end);
  }

  /**
   * Adds a boundary after ". " when the next word (after an opening quote or bracket, if any) is a
   * number or an amount ("$5m"), unless the word before the period is an abbreviation ("No. 10",
   * "Fig. 3", "Jan. 5") or the period ends an ellipsis.
   */
  private void addSentencesStartingWithNumbers(String text, CharSequence view, Boundaries out) {
    int n = view.length();
    for (int i = 1; i + 2 < n; i++) {
      if (view.charAt(i) != '.'
          || view.charAt(i - 1) == '.'
          || !TextChars.isHorizontalSpace(view.charAt(i + 1))) {
        continue;
      }
      int k = i + 1;
      while (k < n && TextChars.isHorizontalSpace(view.charAt(k))) {
        k++;
      }
      int first = k < n && OPENERS.indexOf(view.charAt(k)) >= 0 ? k + 1 : k;
      if (first < n && Character.getType(view.charAt(first)) == Character.CURRENCY_SYMBOL) {
        first++;
      }
      if (first >= n || !Character.isDigit(view.charAt(first))) {
        continue;
      }
      int start = i;
      while (start > 0 && !TextChars.isSpace(text.charAt(start - 1))) {
        start--;
      }
      while (start < i && OPENERS.indexOf(text.charAt(start)) >= 0) {
        start++;
      }
      if (start < i && !isAbbreviation(text.substring(start, i + 1), text, k)) {
        out.add(k);
      }
    }
  }

  /** Where a matched link really ends: trailing sentence punctuation is not part of it. */
  private static int linkEnd(String text, int start, int end) {
    while (end > start) {
      char c = text.charAt(end - 1);
      if (".,;:!?'\"]}".indexOf(c) >= 0) {
        end--;
      } else if (c == ')' && text.substring(start, end - 1).indexOf('(') < 0) {
        end--;
      } else {
        break;
      }
    }
    return end;
  }

  /**
   * Adds a boundary after "word.Word" where the left word is at least two lowercase letters
   * standing alone: a missing space after a sentence ("sales grew.For the year"). Links are already
   * masked in the shadow, and mixed-case left words (".NET", "Mr.Smith") do not qualify.
   */
  private static void addRunTogetherSentences(CharSequence view, Boundaries out) {
    int n = view.length();
    for (int i = 2; i + 2 < n; i++) {
      if (view.charAt(i) != '.'
          || !Character.isUpperCase(view.charAt(i + 1))
          || !Character.isLowerCase(view.charAt(i + 2))) {
        continue;
      }
      int j = i - 1;
      while (j >= 0 && Character.isLowerCase(view.charAt(j))) {
        j--;
      }
      if (i - 1 - j >= 2
          && (j < 0
              || TextChars.isSpace(view.charAt(j))
              || "\"'“‘([".indexOf(view.charAt(j)) >= 0)) {
        out.add(i + 1);
      }
    }
  }
}
