package io.attnsum.rank;

import io.attnsum.config.ConfigReader;
import java.io.Serializable;

/** Settings of ranking and selection ({@code rank.*}, {@code summary.*}). */
public record RankSettings(int sentences) implements Serializable {

  public static RankSettings from(ConfigReader r) {
    return new RankSettings(r.intIn("summary.sentences", 1, 10_000));
  }
}
