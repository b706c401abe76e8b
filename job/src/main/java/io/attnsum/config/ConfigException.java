package io.attnsum.config;

/** A configuration error: names the key, the value given and what was expected. Exit code 2. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String key;

  public ConfigException(String key, String message) {
    super(key == null ? message : "config key '" + key + "': " + message);
    this.key = key;
  }

  public static ConfigException invalid(String key, Object given, String expected) {
    return new ConfigException(key, "got " + describe(given) + ", expected " + expected);
  }

  public String key() {
    return key;
  }

  private static String describe(Object v) {
    if (v == null) {
      return "nothing";
    }
    if (v instanceof String s) {
      return "\"" + s + "\"";
    }
    return String.valueOf(v);
  }
}
