package io.attnsum.text;

/** Languages the text stage knows how to segment and tokenize. */
public enum Language {
  EN,
  ZH;

  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
