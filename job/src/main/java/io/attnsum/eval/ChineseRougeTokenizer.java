package io.attnsum.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Character-level ROUGE tokens for Chinese, as Chinese summarization papers report it (e.g. LCSTS,
 * Hu et al. 2015; CAIL2020): every Han/CJK character is one token, runs of ASCII letters and
 * digits are one token each (lowercased), everything else (punctuation, spaces) separates. No
 * stemming.
 */
public final class ChineseRougeTokenizer implements RougeTokenizer {

  @Override
  public List<String> tokenize(String text) {
    List<String> tokens = new ArrayList<>();
    int runStart = -1;
    int i = 0;
    while (i <= text.length()) {
      int cp = i < text.length() ? text.codePointAt(i) : ' ';
      int width = Character.charCount(cp);
      boolean asciiAlnum = cp < 128 && Character.isLetterOrDigit(cp);
      if (asciiAlnum) {
        if (runStart < 0) {
          runStart = i;
        }
      } else {
        if (runStart >= 0) {
          tokens.add(text.substring(runStart, i).toLowerCase(Locale.ROOT));
          runStart = -1;
        }
        if (i < text.length() && isCjk(cp)) {
          tokens.add(new String(Character.toChars(cp)));
        }
      }
      i += width;
    }
    return tokens;
  }

  static boolean isCjk(int cp) {
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    return script == Character.UnicodeScript.HAN
        || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA
        || script == Character.UnicodeScript.HANGUL;
  }

  @Override
  public String describe() {
    return "characters (CJK characters and ASCII alphanumeric runs), no stemming";
  }
}
