package io.attnsum.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attnsum.config.ConfigException;
import io.attnsum.read.InputFormat;
import io.attnsum.write.OutputFormat;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobSettingsTest {
  @TempDir Path tmp;

  private static List<String> required(String... more) {
    List<String> sets = new ArrayList<>(List.of("input.path=/data/in.jsonl", "output.path=/data/out"));
    sets.addAll(List.of(more));
    return sets;
  }

  @Test
  void defaultsComeFromReferenceConf() {
    JobSettings c = JobSettings.load(null, required());
    assertThat(c.input().format()).isEqualTo(InputFormat.JSONL);
    assertThat(c.output().format()).isEqualTo(OutputFormat.PARQUET);
    assertThat(c.input().idField()).isEqualTo("id");
    assertThat(c.input().textField()).isEqualTo("text");
    assertThat(c.rank().summary().sentences()).isEqualTo(3);
    assertThat(c.vectors().path()).isNull();
    assertThat(c.runId()).matches("\\d{4}-\\d{2}-\\d{2}");
  }

  @Test
  void aSummaryLengthFieldIsOptionalAndNeedsAFormatWithFields() {
    assertThat(JobSettings.load(null, required()).input().summarySentencesField()).isNull();
    assertThat(JobSettings.load(null, required("input.summary-sentences-field=k")).input()
        .summarySentencesField()).isEqualTo("k");
    assertThatThrownBy(() -> JobSettings.load(null,
        required("input.format=text", "input.summary-sentences-field=k")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("input.summary-sentences-field");
  }

  @Test
  void fileLayersOverDefaultsAndSetWinsOverFile() throws Exception {
    File f = tmp.resolve("job.conf").toFile();
    Files.writeString(f.toPath(), "summary.sentences = 5\noutput { format = jsonl }\ninput.path = \"hdfs://nn:8020/corpus\"\noutput.path = out\n");
    JobSettings c = JobSettings.load(f, List.of("summary.sentences=7"));
    assertThat(c.rank().summary().sentences()).isEqualTo(7);
    assertThat(c.output().format()).isEqualTo(OutputFormat.JSONL);
    assertThat(c.input().path()).isEqualTo("hdfs://nn:8020/corpus");
  }

  @Test
  void setValuesAreLiteralSoUrlsNeedNoQuoting() {
    JobSettings c = JobSettings.load(null, List.of("input.path=s3a://bucket/x//y", "output.path=hdfs://nn/out"));
    assertThat(c.input().path()).isEqualTo("s3a://bucket/x//y");
    assertThat(c.output().path()).isEqualTo("hdfs://nn/out");
  }

  @Test
  void unknownKeyIsNamedWithASuggestion() {
    assertThatThrownBy(() -> JobSettings.load(null, required("summary.sentence=3")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("summary.sentence")
        .hasMessageContaining("unknown key")
        .hasMessageContaining("did you mean 'summary.sentences'");
  }

  @Test
  void wrongTypeNamesKeyValueAndExpectation() {
    assertThatThrownBy(() -> JobSettings.load(null, required("summary.sentences=three")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("summary.sentences")
        .hasMessageContaining("\"three\"")
        .hasMessageContaining("an integer in [1, 10000]");
  }

  @Test
  void outOfRangeValueIsRejected() {
    assertThatThrownBy(() -> JobSettings.load(null, required("summary.sentences=0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("summary.sentences")
        .hasMessageContaining("got 0");
    assertThatThrownBy(() -> JobSettings.load(null, required("quality.max-rejected-fraction=1.5")))
        .hasMessageContaining("quality.max-rejected-fraction");
  }

  @Test
  void enumValuesListTheChoices() {
    assertThatThrownBy(() -> JobSettings.load(null, required("input.format=xml")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("input.format")
        .hasMessageContaining("jsonl | text | parquet | csv");
    assertThat(JobSettings.load(null, required("output.mode=error-if-exists")).output().mode().name())
        .isEqualTo("ERROR_IF_EXISTS");
  }

  @Test
  void requiredPathsMustBeGiven() {
    assertThatThrownBy(() -> JobSettings.load(null, List.of("output.path=x")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("config key 'input.path': is required")
        .hasMessageContaining("--set input.path=");
    assertThatThrownBy(() -> JobSettings.load(null, List.of("input.path=x", "output.path= ")))
        .hasMessageContaining("config key 'output.path': is required");
  }

  @Test
  void sparkConfPassesThroughFreeFormKeys() {
    JobSettings c = JobSettings.load(null, required("spark.conf.\"spark.sql.shuffle.partitions\"=8"));
    assertThat(c.sparkConf()).containsEntry("spark.sql.shuffle.partitions", "8");
  }

  @Test
  void runIdMustBeAPathSafeName() {
    assertThat(JobSettings.load(null, required("run.id=2026-11-24_daily")).runId()).isEqualTo("2026-11-24_daily");
    assertThatThrownBy(() -> JobSettings.load(null, required("run.id=../etc")))
        .hasMessageContaining("run.id");
  }

  @Test
  void malformedSetIsAUsageError() {
    assertThatThrownBy(() -> JobSettings.load(null, List.of("input.path")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("key=value");
  }

  @Test
  void effectiveConfigIsSortedAndMasksSecrets() {
    JobSettings c = JobSettings.load(null, required("spark.conf.\"spark.hadoop.fs.s3a.secret.key\"=hunter2"));
    List<String> lines = c.effectiveLines();
    assertThat(lines).isSorted();
    assertThat(String.join("\n", lines)).doesNotContain("hunter2").contains("******");
    assertThat(lines).anyMatch(l -> l.startsWith("text.max-sentence-tokens = "));
  }
}
