package io.attnsum.text;

import com.ibm.icu.text.Normalizer2;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tartarus.snowball.ext.EnglishStemmer;

/**
 * Turns a surface word into its lookup form: Unicode NFKC with case folding (ICU's NFKC_Casefold,
 * which also removes default-ignorable characters such as soft hyphens), curly and modifier
 * apostrophes to "'", a final possessive "'s" removed; then optionally stop words dropped and
 * Latin-script words stemmed. A word without a letter or digit (punctuation) or a stop word gives
 * nothing. Compatibility characters can expand into several words or bring punctuation ("ﷺ", "⑴"
 * becomes "(1)"): the folded form is split at whitespace and each part trimmed of leading and
 * trailing characters that are not letters or digits.
 */
final class TokenNormalizer {
  private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();

  /** The stop lists, read once per JVM on first use. */
  private static final class StopWords {
    static final Set<String> ALL = load();

    private static Set<String> load() {
      Set<String> words = new HashSet<>();
      // Snowball's English list, shipped in lucene-analysis-common; "|" starts a comment.
      read("/org/apache/lucene/analysis/snowball/english_stop.txt", words);
      read("/io/attnsum/text/stopwords-zh.txt", words);
      return Set.copyOf(words);
    }

    private static void read(String resource, Set<String> into) {
      try (InputStream in = TokenNormalizer.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + resource);
        }
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          int bar = line.indexOf('|');
          String content = bar >= 0 ? line.substring(0, bar) : line;
          for (String word : content.trim().split("\\s+")) {
            if (!word.isEmpty()) {
              into.add(NFKC_CASEFOLD.normalize(word));
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private final Set<String> stopWords;
  private final EnglishStemmer stemmer;

  TokenNormalizer(boolean stopWords, boolean stemming) {
    this.stopWords = stopWords ? StopWords.ALL : Set.of();
    this.stemmer = stemming ? new EnglishStemmer() : null;
  }

  /** Adds the lookup forms of {@code word} (usually one, possibly none) to {@code out}. */
  void normalize(String word, List<String> out) {
    String folded = fold(word);
    int n = folded.length();
    int i = 0;
    while (i < n) {
      while (i < n && TextChars.isSpace(folded.charAt(i))) {
        i++;
      }
      int end = i;
      while (end < n && !TextChars.isSpace(folded.charAt(end))) {
        end++;
      }
      if (end > i) {
        String token = finish(folded, i, end);
        if (token != null) {
          out.add(token);
        }
      }
      i = end;
    }
  }

  private String finish(String folded, int start, int end) {
    while (start < end && !Character.isLetterOrDigit(folded.codePointAt(start))) {
      start += Character.charCount(folded.codePointAt(start));
    }
    while (end > start && !Character.isLetterOrDigit(folded.codePointBefore(end))) {
      end -= Character.charCount(folded.codePointBefore(end));
    }
    if (start == end) {
      return null;
    }
    String t = start == 0 && end == folded.length() ? folded : folded.substring(start, end);
    if (t.length() > 2 && t.endsWith("'s")) {
      t = t.substring(0, t.length() - 2);
    }
    if (stopWords.contains(t)) {
      return null;
    }
    if (stemmer != null && isLatinWord(t)) {
      stemmer.setCurrent(t);
      stemmer.stem();
      t = stemmer.getCurrent();
    }
    return t;
  }

  /** NFKC_Casefold and apostrophes; ASCII takes a short path. */
  static String fold(String word) {
    boolean ascii = true;
    boolean upper = false;
    for (int i = 0; i < word.length() && ascii; i++) {
      char c = word.charAt(i);
      ascii = c < 0x80;
      upper |= c >= 'A' && c <= 'Z';
    }
    String t;
    if (ascii) {
      t = upper ? word.toLowerCase(java.util.Locale.ROOT) : word;
    } else {
      t = NFKC_CASEFOLD.normalize(word);
      if (t.indexOf('\u2019') >= 0 || t.indexOf('\u2018') >= 0 || t.indexOf('\u02BC') >= 0) {
        t = t.replace('\u2019', '\'').replace('\u2018', '\'').replace('\u02BC', '\'');
      }
    }
    return t;
  }

  private static boolean isLatinWord(String t) {
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (!(c < 0x250 && Character.isLetter(c)) && c != '\'') {
        return false;
      }
    }
    return true;
  }
}
