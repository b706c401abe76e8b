package io.attnsum.text;

/**
 * Script-based language detection: a document is Chinese when Han characters are at least a quarter
 * as many as Latin letters (a Chinese word is one to three characters, an English word about five
 * letters, so this is roughly "as many Chinese words as English ones"); otherwise it is English,
 * which is also the answer for empty text and for other scripts (the English path, ICU's Unicode
 * rules, handles them reasonably). Only the first {@link #SAMPLE_CHARS} characters are looked at.
 */
public final class LanguageDetector {
  static final int SAMPLE_CHARS = 20_000;

  private LanguageDetector() {}

  public static Language detect(CharSequence text) {
    if (text == null) {
      return Language.EN;
    }
    int end = Math.min(text.length(), SAMPLE_CHARS);
    int han = 0;
    int latin = 0;
    for (int i = 0; i < end; ) {
      char c = text.charAt(i);
      if (c < 0x80) {
        if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
          latin++;
        }
        i++;
        continue;
      }
      int cp = Character.codePointAt(text, i);
      if (TextChars.isHan(cp)) {
        han++;
      } else if (Character.isLetter(cp)
          && Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN) {
        latin++;
      }
      i += Character.charCount(cp);
    }
    return han > 0 && han * 4 >= latin ? Language.ZH : Language.EN;
  }
}
