package io.attnsum.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException.Missing;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Typed, range-checked reads from a resolved {@link Config}. Every failure is a {@link
 * ConfigException} that names the full key, the value given and what was expected, so stage
 * settings classes can stay one line per key.
 */
public final class ConfigReader {
  private final Config config;

  public ConfigReader(Config config) {
    this.config = config;
  }

  public Config raw() {
    return config;
  }

  public boolean has(String key) {
    return config.hasPath(key);
  }

  private ConfigValue value(String key) {
    try {
      return config.getValue(key);
    } catch (Missing e) {
      throw new ConfigException(key, "is required but missing");
    }
  }

  public String string(String key) {
    ConfigValue v = value(key);
    if (v.valueType() == ConfigValueType.LIST || v.valueType() == ConfigValueType.OBJECT) {
      throw ConfigException.invalid(key, v.render(), "a string");
    }
    return String.valueOf(v.unwrapped());
  }

  /** A string that may be empty or absent/null; returns null for those. */
  public String optionalString(String key) {
    if (!config.hasPath(key)) {
      return null;
    }
    String s = string(key).trim();
    return s.isEmpty() ? null : s;
  }

  public String nonEmpty(String key) {
    String s = optionalString(key);
    if (s == null) {
      throw ConfigException.invalid(key, config.hasPath(key) ? "" : null, "a non-empty string");
    }
    return s;
  }

  /**
   * A setting the job cannot run without and that has no default (reference.conf holds it
   * empty): empty or absent says the key is required, what it holds, and how to give it.
   */
  public String required(String key, String what) {
    String s = optionalString(key);
    if (s == null) {
      throw new ConfigException(key, "is required (" + what + "): set it in the --config file or with --set "
          + key + "=...");
    }
    return s;
  }

  public boolean bool(String key) {
    ConfigValue v = value(key);
    Object u = v.unwrapped();
    if (u instanceof Boolean b) {
      return b;
    }
    if (u instanceof String s) {
      String t = s.trim().toLowerCase(Locale.ROOT);
      if (t.equals("true") || t.equals("yes") || t.equals("on")) {
        return true;
      }
      if (t.equals("false") || t.equals("no") || t.equals("off")) {
        return false;
      }
    }
    throw ConfigException.invalid(key, v.unwrapped(), "true or false");
  }

  public long longIn(String key, long min, long max) {
    ConfigValue v = value(key);
    Object u = v.unwrapped();
    long n;
    if (u instanceof Number num && (u instanceof Integer || u instanceof Long)) {
      n = num.longValue();
    } else if (u instanceof String s) {
      try {
        n = Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        throw ConfigException.invalid(key, s, "an integer in [" + min + ", " + max + "]");
      }
    } else {
      throw ConfigException.invalid(key, u, "an integer in [" + min + ", " + max + "]");
    }
    if (n < min || n > max) {
      throw ConfigException.invalid(key, n, "an integer in [" + min + ", " + max + "]");
    }
    return n;
  }

  public int intIn(String key, int min, int max) {
    return (int) longIn(key, min, max);
  }

  public double doubleIn(String key, double min, double max) {
    ConfigValue v = value(key);
    Object u = v.unwrapped();
    double d;
    if (u instanceof Number num) {
      d = num.doubleValue();
    } else if (u instanceof String s) {
      try {
        d = Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        throw ConfigException.invalid(key, s, "a number in [" + min + ", " + max + "]");
      }
    } else {
      throw ConfigException.invalid(key, u, "a number in [" + min + ", " + max + "]");
    }
    if (!(d >= min && d <= max)) {
      throw ConfigException.invalid(key, d, "a number in [" + min + ", " + max + "]");
    }
    return d;
  }

  /** Byte sizes in HOCON form ("64m", "1g") or plain numbers. */
  public long bytesIn(String key, long min, long max) {
    long n = parsed(key, config::getBytes, "a size such as 64m or 1g");
    if (n < min || n > max) {
      throw ConfigException.invalid(key, n, "a size in [" + min + ", " + max + "] bytes");
    }
    return n;
  }

  /** Durations in HOCON form ("60s", "2m", "500ms"). */
  public Duration durationIn(String key, Duration min, Duration max) {
    Duration d = parsed(key, config::getDuration, "a duration such as 60s or 2m");
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw ConfigException.invalid(key, value(key).unwrapped(),
          "a duration in [" + min.getSeconds() + "s, " + max.getSeconds() + "s]");
    }
    return d;
  }

  /** A value Typesafe Config parses from its own notation (sizes, durations). */
  private <T> T parsed(String key, Function<String, T> getter, String expected) {
    try {
      return getter.apply(key);
    } catch (Missing e) {
      throw new ConfigException(key, "is required but missing");
    } catch (com.typesafe.config.ConfigException e) {
      throw ConfigException.invalid(key, value(key).unwrapped(), expected);
    }
  }

  /** One of a fixed set of lowercase words, mapped to an enum whose constant names match them. */
  public <E extends Enum<E>> E oneOf(String key, Class<E> type) {
    String s = string(key).trim();
    for (E e : type.getEnumConstants()) {
      if (configName(e).equals(s.toLowerCase(Locale.ROOT))) {
        return e;
      }
    }
    throw ConfigException.invalid(key, s, "one of " + choices(type));
  }

  public static <E extends Enum<E>> String configName(E e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static <E extends Enum<E>> String choices(Class<E> type) {
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      names.add(configName(e));
    }
    return String.join(" | ", names);
  }

  public List<String> stringList(String key) {
    ConfigValue v = value(key);
    if (v.valueType() == ConfigValueType.STRING) {
      String s = ((String) v.unwrapped()).trim();
      List<String> out = new ArrayList<>();
      if (!s.isEmpty()) {
        for (String part : s.split(",")) {
          if (!part.isBlank()) {
            out.add(part.trim());
          }
        }
      }
      return out;
    }
    try {
      return config.getStringList(key);
    } catch (com.typesafe.config.ConfigException e) {
      throw ConfigException.invalid(key, v.render(), "a list of strings");
    }
  }
}
