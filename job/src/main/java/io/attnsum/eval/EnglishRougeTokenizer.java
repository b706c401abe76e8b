package io.attnsum.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Google {@code rouge-score}'s default tokenizer ({@code rouge_score/tokenize.py}): lowercase,
 * every run of characters outside {@code [a-z0-9]} becomes a separator, and tokens longer than 3
 * characters are Porter-stemmed with NLTK's stemmer when stemming is on. Non-ASCII letters are
 * therefore separators ("café" gives "caf"), exactly as rouge-score does.
 *
 * <p>Stems are memoised per instance (rouge-score also caches them); an instance is meant to be
 * used by one thread.
 */
public final class EnglishRougeTokenizer implements RougeTokenizer {
  private static final int STEM_CACHE_LIMIT = 200_000;

  private final boolean stem;
  private final NltkPorterStemmer stemmer = new NltkPorterStemmer();
  private final Map<String, String> stems = new HashMap<>();

  public EnglishRougeTokenizer(boolean stem) {
    this.stem = stem;
  }

  @Override
  public List<String> tokenize(String text) {
    // Python's str.lower() and Java's ROOT lowercasing agree on everything that can end up as
    // [a-z0-9] (including the Kelvin sign and dotted capital I, which lower to ASCII letters).
    String lower = text.toLowerCase(Locale.ROOT);
    List<String> tokens = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= lower.length(); i++) {
      char c = i < lower.length() ? lower.charAt(i) : ' ';
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (alnum && start < 0) {
        start = i;
      } else if (!alnum && start >= 0) {
        tokens.add(stemmed(lower.substring(start, i)));
        start = -1;
      }
    }
    return tokens;
  }

  private String stemmed(String token) {
    if (!stem || token.length() <= 3) {
      return token;
    }
    String s = stems.get(token);
    if (s == null) {
      s = stemmer.stem(token);
      if (stems.size() < STEM_CACHE_LIMIT) {
        stems.put(token, s);
      }
    }
    return s;
  }

  @Override
  public String describe() {
    return stem
        ? "rouge-score English tokenizer, NLTK Porter stemming (tokens > 3 chars)"
        : "rouge-score English tokenizer, no stemming";
  }
}
