package io.attnsum.testing;

import io.attnsum.attention.AttentionSettings;
import io.attnsum.config.ConfigLoader;
import io.attnsum.config.ConfigReader;
import io.attnsum.encode.EncoderSettings;
import io.attnsum.job.JobSettings;
import io.attnsum.rank.RankSettings;
import io.attnsum.read.InputSettings;
import io.attnsum.text.TextSettings;
import io.attnsum.encode.VectorSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Settings for tests and tools, built the way the job builds them: reference.conf with {@code
 * key=value} overrides (as {@code --set} takes them, so a mistyped key fails the test), read by the
 * stages' own {@code from} methods. No default is written here.
 */
public final class TestSettings {
  /** The two paths reference.conf leaves empty because a run must name them. */
  private static final List<String> REQUIRED = List.of("input.path=in", "output.path=out");

  /** Property tests build the same settings many times; loading reference.conf once per list. */
  private static final Map<List<String>, JobSettings> CACHE = new ConcurrentHashMap<>();

  private TestSettings() {}

  /** reference.conf with {@code overrides} such as {@code "rank.position-weight=0"}. */
  public static ConfigReader config(String... overrides) {
    return new ConfigReader(ConfigLoader.load(null, List.of(overrides)));
  }

  /** The whole job's settings; {@code input.path} and {@code output.path} are placeholders. */
  public static JobSettings job(String... overrides) {
    List<String> sets = new ArrayList<>(REQUIRED);
    sets.addAll(List.of(overrides));
    return CACHE.computeIfAbsent(List.copyOf(sets), s -> JobSettings.load(null, s));
  }

  /** The encoder settings of reference.conf with {@code overrides}. */
  public static EncoderSettings encoder(String... overrides) {
    return job(overrides).encoder();
  }

  /**
   * The folder where the integration tests keep the built-in encoders' static packs: failsafe's
   * {@code attnsum.encoder.cache} (job/target/encoder-cache), else target/encoder-cache of the
   * working directory (a test started from an IDE in the module).
   */
  public static Path sharedEncoderCacheDir() {
    String dir = System.getProperty("attnsum.encoder.cache", "target/encoder-cache");
    return Path.of(dir).toAbsolutePath().normalize();
  }

  /**
   * The {@code --set} that points a run at {@link #sharedEncoderCacheDir()}, so that each
   * built-in encoder is distilled once per build (about a minute on 2 cores) rather than once per
   * run; a run without it distils into its own output folder. A file URI, so that it means this
   * machine's disk whatever the run's default file system (HDFS in the cluster tests).
   */
  public static String sharedEncoderCache() {
    return "encoder.cache-path=" + sharedEncoderCacheDir().toUri();
  }

  public static InputSettings input(String... overrides) {
    return job(overrides).input();
  }

  public static TextSettings text(String... overrides) {
    return job(overrides).text();
  }

  public static VectorSettings vectors(String... overrides) {
    return job(overrides).vectors();
  }

  public static AttentionSettings attention(String... overrides) {
    return job(overrides).attention();
  }

  public static RankSettings rank(String... overrides) {
    return job(overrides).rank();
  }
}
