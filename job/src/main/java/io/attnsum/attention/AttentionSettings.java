package io.attnsum.attention;

import io.attnsum.config.ConfigReader;
import java.io.Serializable;

/** Settings of the attention stage ({@code attention.*}). */
public record AttentionSettings(int batchSize) implements Serializable {

  public static AttentionSettings from(ConfigReader r) {
    return new AttentionSettings(r.intIn("attention.batch-size", 1, 65_536));
  }
}
