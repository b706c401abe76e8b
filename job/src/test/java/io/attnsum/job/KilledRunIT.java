package io.attnsum.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed with SIGKILL in the middle of a stage leaves its staging directory and its run
 * id's lease behind. The next run of the id takes the lease over (its holder's process is gone),
 * removes that staging directory and publishes exactly what an uninterrupted run publishes;
 * while the killed run was still running, a second run of the id was refused with exit code 5,
 * naming it, and left its staging alone. Each run is a JVM of its own (scripts/attnsum's entry
 * point), held at a known point by a file instead of by timing.
 */
class KilledRunIT {
  private static final long MINUTES = 4;
  @TempDir Path tmp;

  /** A run's JVM, its output in files. */
  private record Child(String name, Process process, Path stdout, Path stderr) {
    int await() throws Exception {
      if (!process.waitFor(MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError(name + " did not finish in " + MINUTES + " minutes; stderr:\n" + err());
      }
      return process.exitValue();
    }

    String out() throws Exception {
      return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    String err() throws Exception {
      return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    /** The one-line JSON summary Main prints last. */
    JsonNode summary() throws Exception {
      String[] lines = out().strip().split("\n");
      return new ObjectMapper().readTree(lines[lines.length - 1]);
    }
  }

  private static List<String> settings(Path out) {
    return List.of("input.path=" + SummarizationJobIT.SAMPLE, "output.path=" + out, "run.id=k1",
        "output.format=jsonl", "vectors.train.dimensions=30", "vectors.train.epochs=1",
        io.attnsum.testing.TestSettings.sharedEncoderCache());
  }

  /** Starts {@code attnsum run} on the sample corpus, held in summarize when {@code reached} is set. */
  private Child start(String name, Path out, Path reached, Path release) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // This JVM's module options (failsafe's test.jvm.args), which Spark and the Java kernel need.
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-") || arg.startsWith("-Djdk.") || arg.startsWith("-Dio.netty.")
          || arg.startsWith("-Dfile.encoding=")) {
        cmd.add(arg);
      }
    }
    cmd.addAll(List.of("-Xmx1g", "-Dspark.master=local[2]", "-Dspark.ui.enabled=false",
        "-Dspark.default.parallelism=4", "-Dspark.sql.shuffle.partitions=4",
        "-cp", System.getProperty("java.class.path"), HeldRun.class.getName(),
        reached == null ? "-" : reached.toString(), release == null ? "-" : release.toString(), "run"));
    for (String set : settings(out)) {
      cmd.addAll(List.of("--set", set));
    }
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().put("OMP_NUM_THREADS", "1");
    Path stdout = tmp.resolve(name + ".out");
    Path stderr = tmp.resolve(name + ".err");
    pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    return new Child(name, pb.start(), stdout, stderr);
  }

  /** Waits for {@code file}, failing at once if {@code child} ends first. */
  private static void awaitFile(Path file, Child child) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(MINUTES);
    while (!Files.exists(file)) {
      if (!child.process().isAlive()) {
        throw new AssertionError(child.name() + " ended (" + child.process().exitValue() + ") before "
            + file.getFileName() + "; stderr:\n" + child.err());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(child.name() + " did not reach " + file.getFileName() + " in " + MINUTES + " minutes");
      }
      child.process().waitFor(50, TimeUnit.MILLISECONDS);
    }
  }

  private static List<String> names(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
    }
  }

  @Test
  void aKilledRunsStagingGoesWithTheNextRunAndARunAlongsideIsRefused() throws Exception {
    assumeTrue(new File("/proc/self/ns/pid").exists(), "a dead holder is recognised by its pid on Linux");
    Path out = tmp.resolve("out");
    Path reached = tmp.resolve("reached");
    Child first = start("first", out, reached, tmp.resolve("never"));
    String staging;
    try {
      awaitFile(reached, first);
      List<String> staged = names(out.resolve("_staging"));
      assertThat(staged).hasSize(2).contains("run_id=k1.lease");
      staging = staged.get(0);
      assertThat(staging).startsWith("run_id=k1.").isNotEqualTo("run_id=k1.lease");

      Child second = start("second", out, null, null);
      assertThat(second.await()).as(second.err()).isEqualTo(5);
      assertThat(second.err())
          .contains("run id k1 is in use by another run (pid " + first.process().pid())
          .contains(staging);
      assertThat(second.summary().get("status").asText()).isEqualTo("run_in_use");
      assertThat(names(out.resolve("_staging"))).containsExactly(staging, "run_id=k1.lease");

      first.process().destroyForcibly();  // SIGKILL
      assertThat(first.process().waitFor(MINUTES, TimeUnit.MINUTES)).isTrue();
      assertThat(first.process().exitValue()).isEqualTo(128 + 9);
      assertThat(names(out.resolve("_staging"))).containsExactly(staging, "run_id=k1.lease");
      assertThat(out.resolve("run_id=k1")).doesNotExist();
    } finally {
      first.process().destroyForcibly();
    }

    Child rerun = start("rerun", out, null, null);
    assertThat(rerun.await()).as(rerun.err()).isZero();
    assertThat(rerun.err())
        .contains("taking over the lease of run id k1")
        .contains("its process " + first.process().pid() + " on this machine has ended")
        .containsPattern("removed \\S*/_staging/" + staging + ", left by an earlier run of run id k1 that is not running");
    assertThat(out.resolve("_staging")).doesNotExist();
    // The static pack is in the shared encoder cache, not in the output folder.
    assertThat(names(out)).containsExactly("run_id=k1");

    // The same run uninterrupted, in this JVM's shared session (whose parallelism the children
    // were given, so the corpus is cut into the same partitions).
    Path uninterrupted = tmp.resolve("uninterrupted");
    new SummarizationJob(io.attnsum.testing.LocalSpark.get(), JobSettings.load(null, settings(uninterrupted))).run();
    for (String table : List.of("sentences", "summaries", "rejected")) {
      assertThat(SummarizationJobIT.concatParts(out.resolve("run_id=k1").resolve(table))).as(table)
          .isEqualTo(SummarizationJobIT.concatParts(uninterrupted.resolve("run_id=k1").resolve(table)));
    }
  }
}
