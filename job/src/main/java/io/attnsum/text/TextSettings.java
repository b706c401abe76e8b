package io.attnsum.text;

import io.attnsum.config.ConfigReader;
import java.io.Serializable;

/** Settings of the text stage ({@code text.*}). */
public record TextSettings(int maxSentenceTokens, int maxSentences) implements Serializable {

  public static TextSettings from(ConfigReader r) {
    return new TextSettings(
        r.intIn("text.max-sentence-tokens", 4, 100_000), r.intIn("text.max-sentences", 1, 100_000));
  }

  public static TextSettings defaults() {
    return new TextSettings(128, 200);
  }
}
