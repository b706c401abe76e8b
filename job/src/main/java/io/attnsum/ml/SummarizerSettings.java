package io.attnsum.ml;

import com.typesafe.config.Config;
import io.attnsum.config.ConfigException;
import io.attnsum.config.ConfigLoader;
import io.attnsum.job.JobSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link Summarizer}'s params as the job's configuration: the same {@code reference.conf}
 * defaults, the same loading ({@link ConfigLoader}: unknown keys refused with a "did you mean")
 * and the same typed, range-checked settings ({@link JobSettings#from}). Pure: no Spark.
 *
 * <p>A Summarizer reads the keys that decide what a summary is: the text, summary, encoder,
 * vectors, attention and rank sections and the few input and output keys that apply to a row.
 * Where the batch job reads, writes and runs (input paths and formats, output, run ids, quality
 * thresholds, Spark settings) has no meaning for a DataFrame, so those keys are refused rather
 * than silently ignored.
 */
final class SummarizerSettings {
  /** Sections whose every key applies to a Summarizer. */
  private static final List<String> SECTIONS =
      List.of("text.", "summary.", "encoder.", "vectors.", "attention.", "rank.");
  /** Keys of other sections that apply to a row. */
  private static final Set<String> ROW_KEYS = Set.of(
      "input.max-document-bytes", "input.summary-sentences-field", "output.token-weights");
  /** Params that stand for a job key a user might reach for. */
  private static final Map<String, String> PARAM_OF_KEY = Map.of(
      "input.text-field", "textCol", "input.id-field", "idCol", "output.path", "workDir");

  private static final Config DEFAULTS = ConfigLoader.defaults();
  /**
   * key=value entries the job took already. Params are checked whenever they are set, their
   * defaults too (Spark checks every value that enters a param map), and each check loads the
   * configuration: a Summarizer and each of its copies would load it a few dozen times.
   */
  private static final Set<String> VALID = ConcurrentHashMap.newKeySet();

  private SummarizerSettings() {}

  /** {@code key}'s default, as reference.conf has it. */
  static String defaultString(String key) {
    return DEFAULTS.getString(key);
  }

  static int defaultInt(String key) {
    return DEFAULTS.getInt(key);
  }

  static double defaultDouble(String key) {
    return DEFAULTS.getDouble(key);
  }

  /**
   * The job's settings for a Summarizer.
   *
   * @param overrides {@code key=value}, as {@code --set} takes them
   * @param workRoot the folder that stands for the job's output root (the default encoder cache
   *     is under it)
   */
  static JobSettings build(List<String> overrides, String workRoot) {
    List<String> all = new ArrayList<>(overrides);
    // The two keys a run must name; a DataFrame has no input path, and the work root takes the
    // output root's one role that applies (the encoder cache under it).
    all.add("input.path=(DataFrame)");
    all.add("output.path=" + workRoot);
    try {
      return JobSettings.from(ConfigLoader.load(null, all));
    } catch (ConfigException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** Throws naming {@code param} and its key unless the job takes {@code value} for it. */
  static void checkParam(String param, String key, Object value) {
    try {
      check(key + "=" + value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Summarizer param " + param + " (" + key + "): " + e.getMessage(), e);
    }
  }

  /**
   * Throws unless {@code key=value} is a job key and value a Summarizer reads through {@code
   * setConfig}; {@code typed} maps the keys that have a param of their own to its name.
   */
  static void checkEntry(String key, String value, Map<String, String> typed) {
    String prefix = "Summarizer.setConfig(\"" + key + "\", \"" + value + "\"): ";
    try {
      ConfigLoader.load(null, List.of(key + "=" + value));
    } catch (ConfigException e) {
      throw new IllegalArgumentException(prefix + e.getMessage(), e);
    }
    if (typed.containsKey(key)) {
      throw new IllegalArgumentException(
          prefix + "the key has its own param: set " + typed.get(key) + " instead");
    }
    if (PARAM_OF_KEY.containsKey(key)) {
      throw new IllegalArgumentException(
          prefix + "a Summarizer takes this from its param " + PARAM_OF_KEY.get(key));
    }
    if (!applies(key)) {
      throw new IllegalArgumentException(prefix + "config key '" + key + "' belongs to the batch"
          + " job (where it reads, writes and runs) and has no meaning for a DataFrame; a"
          + " Summarizer takes the keys under " + String.join(", ", SECTIONS) + " and " + ROW_KEYS);
    }
    try {
      check(key + "=" + value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(prefix + e.getMessage(), e);
    }
  }

  /** Throws unless the job's settings take the one override {@code entry}. */
  private static void check(String entry) {
    if (!VALID.contains(entry)) {
      build(List.of(entry), "work");
      VALID.add(entry);
    }
  }

  private static boolean applies(String key) {
    return ROW_KEYS.contains(key) || SECTIONS.stream().anyMatch(key::startsWith);
  }
}
