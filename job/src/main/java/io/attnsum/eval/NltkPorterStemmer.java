package io.attnsum.eval;

import java.util.Map;

/**
 * Written by hand for ROUGE compatibility: no Java library stems as NLTK does, and the scores must
 * match rouge-score's.
 *
 * <p>A faithful port of NLTK's {@code nltk.stem.porter.PorterStemmer} in its default mode,
 * {@code NLTK_EXTENSIONS}, which is what Google's {@code rouge-score} calls for
 * {@code use_stemmer=True}. It differs from the original Porter (1980) algorithm, and so from
 * Lucene's {@code PorterStemmer}: an irregular-forms table, 1- and 2-letter words untouched, step
 * 1a/1b special cases for 4-letter "-ies"/"-ied", step 1c "y -> i" only after a consonant that is
 * not the first letter, {@code alli} handled first in step 2, "bli -> ble", "fulli" and "logi"
 * rules, and a 2-letter vowel-consonant stem counted as cvc. Rules are tried in NLTK's order with
 * its first-match semantics (a matching suffix whose condition fails stops the step).
 *
 * <p>Input is expected lowercase (rouge-score lowercases before stemming). Not thread-safe state:
 * none; the class is immutable.
 */
public final class NltkPorterStemmer {

  // NLTK's table of irregular forms, inverted: form -> stem.
  private static final Map<String, String> IRREGULAR =
      Map.ofEntries(
          Map.entry("sky", "sky"),
          Map.entry("skies", "sky"),
          Map.entry("dying", "die"),
          Map.entry("lying", "lie"),
          Map.entry("tying", "tie"),
          Map.entry("news", "news"),
          Map.entry("innings", "inning"),
          Map.entry("inning", "inning"),
          Map.entry("outings", "outing"),
          Map.entry("outing", "outing"),
          Map.entry("cannings", "canning"),
          Map.entry("canning", "canning"),
          Map.entry("howe", "howe"),
          Map.entry("proceed", "proceed"),
          Map.entry("exceed", "exceed"),
          Map.entry("succeed", "succeed"));

  /** A step condition on the candidate stem (the word with the suffix removed). */
  @FunctionalInterface
  private interface Condition {
    boolean test(String stem);
  }

  private record Rule(String suffix, String replacement, Condition condition) {}

  private static final Condition POSITIVE_MEASURE = s -> measure(s) > 0;
  private static final Condition MEASURE_GT_1 = s -> measure(s) > 1;

  private static final Rule[] STEP1A = {
    new Rule("sses", "ss", null),
    new Rule("ies", "i", null),
    new Rule("ss", "ss", null),
    new Rule("s", "", null),
  };

  private static final Rule[] STEP2_FIXED = {
    new Rule("ational", "ate", POSITIVE_MEASURE),
    new Rule("tional", "tion", POSITIVE_MEASURE),
    new Rule("enci", "ence", POSITIVE_MEASURE),
    new Rule("anci", "ance", POSITIVE_MEASURE),
    new Rule("izer", "ize", POSITIVE_MEASURE),
    new Rule("bli", "ble", POSITIVE_MEASURE),
    new Rule("alli", "al", POSITIVE_MEASURE),
    new Rule("entli", "ent", POSITIVE_MEASURE),
    new Rule("eli", "e", POSITIVE_MEASURE),
    new Rule("ousli", "ous", POSITIVE_MEASURE),
    new Rule("ization", "ize", POSITIVE_MEASURE),
    new Rule("ation", "ate", POSITIVE_MEASURE),
    new Rule("ator", "ate", POSITIVE_MEASURE),
    new Rule("alism", "al", POSITIVE_MEASURE),
    new Rule("iveness", "ive", POSITIVE_MEASURE),
    new Rule("fulness", "ful", POSITIVE_MEASURE),
    new Rule("ousness", "ous", POSITIVE_MEASURE),
    new Rule("aliti", "al", POSITIVE_MEASURE),
    new Rule("iviti", "ive", POSITIVE_MEASURE),
    new Rule("biliti", "ble", POSITIVE_MEASURE),
    new Rule("fulli", "ful", POSITIVE_MEASURE),
  };

  private static final Rule[] STEP3 = {
    new Rule("icate", "ic", POSITIVE_MEASURE),
    new Rule("ative", "", POSITIVE_MEASURE),
    new Rule("alize", "al", POSITIVE_MEASURE),
    new Rule("iciti", "ic", POSITIVE_MEASURE),
    new Rule("ical", "ic", POSITIVE_MEASURE),
    new Rule("ful", "", POSITIVE_MEASURE),
    new Rule("ness", "", POSITIVE_MEASURE),
  };

  private static final Rule[] STEP4 = {
    new Rule("al", "", MEASURE_GT_1),
    new Rule("ance", "", MEASURE_GT_1),
    new Rule("ence", "", MEASURE_GT_1),
    new Rule("er", "", MEASURE_GT_1),
    new Rule("ic", "", MEASURE_GT_1),
    new Rule("able", "", MEASURE_GT_1),
    new Rule("ible", "", MEASURE_GT_1),
    new Rule("ant", "", MEASURE_GT_1),
    new Rule("ement", "", MEASURE_GT_1),
    new Rule("ment", "", MEASURE_GT_1),
    new Rule("ent", "", MEASURE_GT_1),
    // (m>1 and (*S or *T)) ION ->
    new Rule(
        "ion",
        "",
        s -> measure(s) > 1 && (s.endsWith("s") || s.endsWith("t"))),
    new Rule("ou", "", MEASURE_GT_1),
    new Rule("ism", "", MEASURE_GT_1),
    new Rule("ate", "", MEASURE_GT_1),
    new Rule("iti", "", MEASURE_GT_1),
    new Rule("ous", "", MEASURE_GT_1),
    new Rule("ive", "", MEASURE_GT_1),
    new Rule("ize", "", MEASURE_GT_1),
  };

  /** Stems one lowercase word. */
  public String stem(String word) {
    String irregular = IRREGULAR.get(word);
    if (irregular != null) {
      return irregular;
    }
    if (word.length() <= 2) {
      return word;
    }
    String s = step1a(word);
    s = step1b(s);
    s = step1c(s);
    s = step2(s);
    s = step3(s);
    s = step4(s);
    s = step5a(s);
    return step5b(s);
  }

  private static boolean isConsonant(String w, int i) {
    char c = w.charAt(i);
    if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u') {
      return false;
    }
    if (c == 'y') {
      return i == 0 || !isConsonant(w, i - 1);
    }
    return true;
  }

  /** Porter's m: the number of vowel-consonant transitions ("vc" occurrences) in the stem. */
  static int measure(String stem) {
    int m = 0;
    boolean previousVowel = false;
    for (int i = 0; i < stem.length(); i++) {
      boolean consonant = isConsonant(stem, i);
      if (consonant && previousVowel) {
        m++;
      }
      previousVowel = !consonant;
    }
    return m;
  }

  private static boolean containsVowel(String stem) {
    for (int i = 0; i < stem.length(); i++) {
      if (!isConsonant(stem, i)) {
        return true;
      }
    }
    return false;
  }

  private static boolean endsDoubleConsonant(String w) {
    int n = w.length();
    return n >= 2 && w.charAt(n - 1) == w.charAt(n - 2) && isConsonant(w, n - 1);
  }

  private static boolean endsCvc(String w) {
    int n = w.length();
    if (n >= 3
        && isConsonant(w, n - 3)
        && !isConsonant(w, n - 2)
        && isConsonant(w, n - 1)) {
      char last = w.charAt(n - 1);
      if (last != 'w' && last != 'x' && last != 'y') {
        return true;
      }
    }
    // NLTK extension: a two-letter vowel-consonant word counts as cvc.
    return n == 2 && !isConsonant(w, 0) && isConsonant(w, 1);
  }

  private static String cut(String w, int suffixLength) {
    return w.substring(0, w.length() - suffixLength);
  }

  /** NLTK's {@code _apply_rule_list}: the first rule whose suffix matches decides. */
  private static String applyRules(String word, Rule[] rules) {
    for (Rule rule : rules) {
      if (word.endsWith(rule.suffix)) {
        String stem = cut(word, rule.suffix.length());
        return rule.condition == null || rule.condition.test(stem)
            ? stem + rule.replacement
            : word;
      }
    }
    return word;
  }

  private static String step1a(String w) {
    if (w.endsWith("ies") && w.length() == 4) {
      return cut(w, 3) + "ie";
    }
    return applyRules(w, STEP1A);
  }

  private static String step1b(String w) {
    if (w.endsWith("ied")) {
      return w.length() == 4 ? cut(w, 3) + "ie" : cut(w, 3) + "i";
    }
    if (w.endsWith("eed")) {
      String stem = cut(w, 3);
      return measure(stem) > 0 ? stem + "ee" : w;
    }
    String intermediate = null;
    if (w.endsWith("ed") && containsVowel(cut(w, 2))) {
      intermediate = cut(w, 2);
    } else if (w.endsWith("ing") && containsVowel(cut(w, 3))) {
      intermediate = cut(w, 3);
    }
    if (intermediate == null) {
      return w;
    }
    if (intermediate.endsWith("at")
        || intermediate.endsWith("bl")
        || intermediate.endsWith("iz")) {
      return intermediate + "e";
    }
    if (endsDoubleConsonant(intermediate)) {
      char last = intermediate.charAt(intermediate.length() - 1);
      // (*d and not (*L or *S or *Z)) -> single letter; else the word stays (no further rule).
      return last != 'l' && last != 's' && last != 'z'
          ? cut(intermediate, 1)
          : intermediate;
    }
    if (measure(intermediate) == 1 && endsCvc(intermediate)) {
      return intermediate + "e";
    }
    return intermediate;
  }

  private static String step1c(String w) {
    if (w.endsWith("y")) {
      String stem = cut(w, 1);
      return stem.length() > 1 && isConsonant(stem, stem.length() - 1) ? stem + "i" : w;
    }
    return w;
  }

  private static String step2(String w) {
    // NLTK applies ALLI -> AL first and, on success, runs step 2 again on the result.
    if (w.endsWith("alli") && measure(cut(w, 4)) > 0) {
      return step2(cut(w, 4) + "al");
    }
    for (Rule rule : STEP2_FIXED) {
      if (w.endsWith(rule.suffix)) {
        String stem = cut(w, rule.suffix.length());
        return rule.condition.test(stem) ? stem + rule.replacement : w;
      }
    }
    // "logi" -> "log", with the 'l' counted in the stem, so that 'geo'/'theo' work like 'philo'.
    if (w.endsWith("logi")) {
      return measure(cut(w, 3)) > 0 ? cut(w, 4) + "log" : w;
    }
    return w;
  }

  private static String step3(String w) {
    return applyRules(w, STEP3);
  }

  private static String step4(String w) {
    return applyRules(w, STEP4);
  }

  private static String step5a(String w) {
    if (w.endsWith("e")) {
      String stem = cut(w, 1);
      int m = measure(stem);
      if (m > 1 || (m == 1 && !endsCvc(stem))) {
        return stem;
      }
    }
    return w;
  }

  private static String step5b(String w) {
    if (w.endsWith("ll")) {
      return measure(cut(w, 1)) > 1 ? cut(w, 1) : w;
    }
    return w;
  }
}
