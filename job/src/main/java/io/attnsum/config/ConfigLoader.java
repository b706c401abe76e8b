package io.attnsum.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Layers configuration the Typesafe way: defaults from our {@code reference.conf}, then an
 * optional HOCON file, then {@code --set key=value} overrides, and rejects keys the defaults do
 * not know (typos must not be silently ignored). Pure: no Spark, testable in isolation.
 */
public final class ConfigLoader {
  /** The top-level sections that belong to attnsum in reference.conf. */
  public static final List<String> ROOTS =
      List.of(
          "run", "input", "output", "quality", "text", "encoder", "vectors", "attention", "rank", "summary",
          "spark", "eval", "debug");

  /** Sub-trees whose keys are free-form (passed through to Spark as-is). */
  private static final List<String> OPEN_SECTIONS = List.of("spark.conf");

  private ConfigLoader() {}

  /** The documented defaults shipped in the jar, restricted to attnsum's own sections. */
  public static Config defaults() {
    Config all =
        ConfigFactory.parseResources(
            ConfigLoader.class.getClassLoader(),
            "reference.conf",
            ConfigParseOptions.defaults().setAllowMissing(false));
    Config ours = ConfigFactory.empty();
    for (String root : ROOTS) {
      if (all.hasPath(root)) {
        ours = ours.withValue(root, all.getValue(root));
      }
    }
    return ours;
  }

  /**
   * Loads the effective configuration.
   *
   * @param file an optional HOCON file layered over the defaults (may be null)
   * @param overrides {@code key=value} strings; values are taken literally as strings and coerced
   *     by the typed readers, so paths such as {@code hdfs://nn/x} need no quoting
   */
  public static Config load(File file, List<String> overrides) {
    Config defaults = defaults();
    Config user = ConfigFactory.empty();
    if (file != null) {
      if (!file.isFile()) {
        throw new ConfigException(null, "config file not found: " + file);
      }
      try {
        user =
            ConfigFactory.parseFile(file, ConfigParseOptions.defaults().setAllowMissing(false))
                .resolve(ConfigResolveOptions.defaults().setAllowUnresolved(true));
      } catch (com.typesafe.config.ConfigException e) {
        throw new ConfigException(null, "cannot parse config file " + file + ": " + e.getMessage());
      }
    }
    for (String kv : overrides) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException(null, "--set expects key=value, got \"" + kv + "\"");
      }
      String key = kv.substring(0, eq).trim();
      String value = kv.substring(eq + 1);
      try {
        ConfigFactory.empty().withValue(key, ConfigValueFactory.fromAnyRef(value));
      } catch (com.typesafe.config.ConfigException e) {
        throw new ConfigException(key, "is not a valid key path");
      }
      user = user.withValue(key, ConfigValueFactory.fromAnyRef(value));
    }
    checkKnownKeys(defaults, user);
    return user.withFallback(defaults).resolve();
  }

  private static void checkKnownKeys(Config defaults, Config user) {
    for (Map.Entry<String, ConfigValue> e : user.entrySet()) {
      String key = e.getKey();
      if (isOpen(key)) {
        continue;
      }
      if (!defaults.hasPathOrNull(key)) {
        String hint = closest(key, keys(defaults));
        throw new ConfigException(
            key,
            "unknown key (value "
                + e.getValue().render()
                + ")"
                + (hint == null ? "" : "; did you mean '" + hint + "'?"));
      }
    }
  }

  private static boolean isOpen(String key) {
    for (String open : OPEN_SECTIONS) {
      if (key.startsWith(open + ".")) {
        return true;
      }
    }
    return false;
  }

  public static Set<String> keys(Config c) {
    Set<String> out = new TreeSet<>();
    for (Map.Entry<String, ConfigValue> e : c.entrySet()) {
      out.add(e.getKey());
    }
    return out;
  }

  /** The known key with the smallest edit distance, if it is plausibly a typo of {@code key}. */
  static String closest(String key, Set<String> known) {
    String best = null;
    int bestDist = Integer.MAX_VALUE;
    for (String k : known) {
      int d = LevenshteinDistance.getDefaultInstance().apply(key, k);
      if (d < bestDist) {
        bestDist = d;
        best = k;
      }
    }
    return bestDist <= Math.max(2, key.length() / 4) ? best : null;
  }

  /** Lines "key = value" of the effective config, sorted, with secret-looking values masked. */
  public static List<String> describe(Config effective) {
    List<String> lines = new ArrayList<>();
    for (String key : keys(effective)) {
      String lower = key.toLowerCase(java.util.Locale.ROOT);
      boolean secret =
          lower.contains("secret") || lower.contains("password") || lower.contains("token")
              && !lower.contains("tokens") && !lower.contains("token-")
              || lower.contains("access.key") || lower.contains("credential");
      lines.add(key + " = " + (secret ? "******" : effective.getValue(key).render()));
    }
    return lines;
  }
}
