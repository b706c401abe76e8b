package io.attnsum.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attnsum.config.ConfigException;
import io.attnsum.read.InputException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reruns and failures: a task that fails once and is retried changes nothing; rerunning a run id
 * replaces it exactly; a run that fails midway leaves the previous output intact and its partial
 * output invisible.
 */
class RerunAndFailureIT implements Serializable {
  private static final long serialVersionUID = 1L;
  @TempDir transient Path tmp;

  @AfterEach
  void disarm() {
    FaultInjection.disarm();
  }

  /** The shared session runs local[2,4]: two threads, up to four attempts per task. */
  private static SparkSession retryingSpark() {
    SparkSession s = io.attnsum.testing.LocalSpark.get();
    assertThat(s.sparkContext().master()).isEqualTo("local[2,4]");
    return s;
  }

  private JobSettings config(Path out, String runId, String... more) {
    List<String> sets = new ArrayList<>(List.of("input.path=" + SummarizationJobIT.SAMPLE, "output.path=" + out,
        "run.id=" + runId, "output.format=jsonl", "vectors.train.dimensions=30", "vectors.train.epochs=1",
        io.attnsum.testing.TestSettings.sharedEncoderCache()));
    sets.addAll(List.of(more));
    return JobSettings.load(null, sets);
  }

  @Test
  void retriedTasksGiveTheCleanRunsOutput() throws Exception {
    SparkSession spark = retryingSpark();
    Path clean = tmp.resolve("clean");
    new SummarizationJob(spark, config(clean, "r")).run();
    Path retried = tmp.resolve("retried");
    FaultInjection.arm("text", 1);
    FaultInjection.arm("summarize", 1);
    new SummarizationJob(spark, config(retried, "r")).run();
    for (String table : List.of("sentences", "summaries", "rejected")) {
      assertThat(SummarizationJobIT.concatParts(retried.resolve("run_id=r").resolve(table)))
          .as(table).isEqualTo(SummarizationJobIT.concatParts(clean.resolve("run_id=r").resolve(table)));
    }
  }

  @Test
  void rerunningARunIdReplacesItAndNothingElse() throws Exception {
    SparkSession spark = retryingSpark();
    Path out = tmp.resolve("out");
    new SummarizationJob(spark, config(out, "day1")).run();
    new SummarizationJob(spark, config(out, "day2")).run();
    String day1 = SummarizationJobIT.concatParts(out.resolve("run_id=day1/summaries"));
    String day2Before = SummarizationJobIT.concatParts(out.resolve("run_id=day2/summaries"));
    new SummarizationJob(spark, config(out, "day2")).run();
    assertThat(SummarizationJobIT.concatParts(out.resolve("run_id=day2/summaries"))).isEqualTo(day2Before);
    assertThat(SummarizationJobIT.concatParts(out.resolve("run_id=day1/summaries"))).isEqualTo(day1);
    try (var runs = Files.list(out)) {
      assertThat(runs.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("_")).sorted().toList())
          .containsExactly("run_id=day1", "run_id=day2");
    }
    assertThat(day2Before.lines().count()).isEqualTo(40);
  }

  @Test
  void aRunThatFailsMidwayLeavesThePreviousOutputIntact() throws Exception {
    SparkSession spark = retryingSpark();
    Path out = tmp.resolve("keep");
    new SummarizationJob(spark, config(out, "x")).run();
    String before = SummarizationJobIT.concatParts(out.resolve("run_id=x/sentences"));
    FaultInjection.arm("write", 100);
    assertThatThrownBy(() -> new SummarizationJob(spark, config(out, "x", "summary.sentences=1")).run())
        .hasStackTraceContaining("injected fault");
    FaultInjection.disarm();
    assertThat(SummarizationJobIT.concatParts(out.resolve("run_id=x/sentences"))).isEqualTo(before);
    assertThat(out.resolve("run_id=x/_SUCCESS")).exists();
    assertThat(out.resolve("_staging")).doesNotExist();
  }

  @Test
  void errorIfExistsRefusesBeforeDoingWork() throws Exception {
    SparkSession spark = retryingSpark();
    Path out = tmp.resolve("eie");
    new SummarizationJob(spark, config(out, "once")).run();
    assertThatThrownBy(() -> new SummarizationJob(spark, config(out, "once", "output.mode=error-if-exists")).run())
        .isInstanceOf(ConfigException.class).hasMessageContaining("already exists");
  }

  @Test
  void missingOrEmptyInputIsAnInputError() throws Exception {
    SparkSession spark = retryingSpark();
    List<String> sets = List.of("input.path=" + tmp.resolve("nope.jsonl"), "output.path=" + tmp.resolve("o"));
    assertThatThrownBy(() -> new SummarizationJob(spark, JobSettings.load(null, sets)).run())
        .isInstanceOf(InputException.class).hasMessageContaining("matches nothing");
    Path empty = Files.createFile(tmp.resolve("empty.jsonl"));
    List<String> sets2 = List.of("input.path=" + empty, "output.path=" + tmp.resolve("o"));
    assertThatThrownBy(() -> new SummarizationJob(spark, JobSettings.load(null, sets2)).run())
        .isInstanceOf(InputException.class).hasMessageContaining("no records");
  }
}
