package io.attnsum.job;

import com.typesafe.config.Config;
import io.attnsum.config.ConfigException;
import io.attnsum.config.ConfigLoader;
import io.attnsum.config.ConfigReader;
import io.attnsum.attention.AttentionSettings;
import io.attnsum.encode.EncoderSettings;
import io.attnsum.rank.RankSettings;
import io.attnsum.read.InputSettings;
import io.attnsum.text.TextSettings;
import io.attnsum.encode.VectorSettings;
import io.attnsum.write.OutputSettings;
import java.io.File;
import java.io.Serializable;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The whole job's configuration, typed and validated. Built once on the driver before Spark
 * starts; each stage reads its own section into its settings record, and the few values one stage
 * takes from another's section are passed in here, so no stage reads another's keys.
 */
public record JobSettings(
    String runId,
    RunStages stages,
    Duration leaseTimeout,
    InputSettings input,
    OutputSettings output,
    TextSettings text,
    EncoderSettings encoder,
    VectorSettings vectors,
    AttentionSettings attention,
    RankSettings rank,
    double maxRejectedFraction,
    String appName,
    Map<String, String> sparkConf,
    List<String> effectiveLines)
    implements Serializable {

  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  public static JobSettings load(File file, List<String> overrides) {
    return from(ConfigLoader.load(file, overrides));
  }

  public static JobSettings from(Config c) {
    ConfigReader r = new ConfigReader(c);
    String runId = r.optionalString("run.id");
    if (runId == null) {
      runId = LocalDate.now(ZoneOffset.UTC).toString();
    } else if (!RUN_ID.matcher(runId).matches()) {
      throw ConfigException.invalid(
          "run.id", runId, "letters, digits, '.', '_' or '-' (at most 128, not starting with . _ -)");
    }
    Map<String, String> sparkConf = new TreeMap<>();
    if (c.hasPath("spark.conf")) {
      for (Map.Entry<String, com.typesafe.config.ConfigValue> e :
          c.getConfig("spark.conf").entrySet()) {
        String k = e.getKey().replace("\"", "");
        sparkConf.put(k, String.valueOf(e.getValue().unwrapped()));
      }
    }
    OutputSettings output = OutputSettings.from(r);
    TextSettings text = TextSettings.from(r);
    return new JobSettings(
        runId,
        r.oneOf("run.stages", RunStages.class),
        r.durationIn("run.lease-timeout", Duration.ofSeconds(2), Duration.ofHours(1)),
        InputSettings.from(r),
        output,
        text,
        EncoderSettings.from(r),
        VectorSettings.from(r),
        // Attention windows are the text stage's long-sentence limit, so the two cannot disagree,
        // and α is computed only when the output keeps it.
        AttentionSettings.from(r, text.maxSentenceTokens(), output.tokenWeights()),
        RankSettings.from(r),
        r.doubleIn("quality.max-rejected-fraction", 0.0, 1.0),
        r.nonEmpty("spark.app-name"),
        sparkConf,
        ConfigLoader.describe(c));
  }

  /**
   * Whether anything reads the sentence vectors: the ranking when {@code rank.embedding-weight} >
   * 0, or the sentences table's token weights. When nothing does, no encoder is prepared or run
   * (the summaries are the same either way), and {@code known_tokens} is null.
   */
  public boolean readsSentenceVectors() {
    return rank.embeddingWeight() > 0 || output.tokenWeights();
  }
}
