package io.attnsum.text;

import io.attnsum.config.ConfigReader;
import java.io.Serializable;

/**
 * Settings of the text stage ({@code text.*}).
 *
 * @param language {@code auto} detects each document's language from its script; {@code en} and
 *     {@code zh} force one
 * @param maxSentenceTokens sentences with more tokens are counted as long (the attention stage
 *     splits them into windows)
 * @param maxSentences documents with more sentences keep only the first ones for ranking
 * @param stopwords drop stop words from the lookup tokens
 * @param stemming stem Latin-script lookup tokens (Snowball English)
 * @param chineseTokens words from the Chinese segmenter, or one token per Han character
 */
public record TextSettings(
    LanguageChoice language,
    int maxSentenceTokens,
    int maxSentences,
    boolean stopwords,
    boolean stemming,
    ChineseTokens chineseTokens)
    implements Serializable {

  /** {@code text.language}. */
  public enum LanguageChoice {
    AUTO,
    EN,
    ZH
  }

  /** {@code text.zh.tokens}. */
  public enum ChineseTokens {
    WORDS,
    CHARS
  }

  public TextSettings {
    if (language == null || chineseTokens == null) {
      throw new IllegalArgumentException("language and chineseTokens are required");
    }
    if (maxSentenceTokens < 1 || maxSentences < 1) {
      throw new IllegalArgumentException("maxSentenceTokens and maxSentences must be positive");
    }
  }

  public static TextSettings from(ConfigReader r) {
    return new TextSettings(
        r.oneOf("text.language", LanguageChoice.class),
        r.intIn("text.max-sentence-tokens", 4, 100_000),
        r.intIn("text.max-sentences", 1, 100_000),
        r.bool("text.stopwords"),
        r.bool("text.stemming"),
        r.oneOf("text.zh.tokens", ChineseTokens.class));
  }
}
