package io.attnsum.vectors;

import io.attnsum.config.ConfigReader;
import java.io.Serializable;

/** Settings of the vectors stage ({@code vectors.*}). */
public record VectorSettings(String path) implements Serializable {

  public static VectorSettings from(ConfigReader r) {
    return new VectorSettings(r.optionalString("vectors.path"));
  }
}
