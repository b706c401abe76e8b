package io.attnsum.write;

import io.attnsum.config.ConfigReader;
import java.io.Serializable;

/** Where and how results are written ({@code output.*}). */
public record OutputSettings(
    String path,
    OutputFormat format,
    WriteMode mode,
    boolean tokenWeights,
    int rejectedPayloadChars)
    implements Serializable {

  public enum WriteMode {
    OVERWRITE,
    ERROR_IF_EXISTS
  }

  public static OutputSettings from(ConfigReader r) {
    return new OutputSettings(
        r.required("output.path", "the root the run is written under: a Hadoop path"),
        r.oneOf("output.format", OutputFormat.class),
        r.oneOf("output.mode", WriteMode.class),
        r.bool("output.token-weights"),
        r.intIn("output.rejected-payload-chars", 16, 1 << 20));
  }
}
