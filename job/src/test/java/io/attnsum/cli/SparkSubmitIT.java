package io.attnsum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Submits the built, shaded jar through Spark's own {@code SparkSubmit} in a separate JVM whose
 * classpath is only what a cluster provides (Spark, Hadoop): catches missing bundled classes,
 * service files and reference.conf merging that in-process tests cannot see.
 */
class SparkSubmitIT {
  @TempDir Path tmp;

  private static final List<String> OPENS = List.of(
      "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
      "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED", "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
      "--add-opens=java.base/sun.security.action=ALL-UNNAMED", "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
      "-Djdk.reflect.useDirectMethodHandle=false", "-Dio.netty.tryReflectionSetAccessible=true");

  record Result(int code, String stdout, String stderr) {}

  /**
   * What a Spark download's jars/ holds, resolved by scripts/spark-home.sh from Spark's own
   * dependency tree (inside the job's build, libraries Spark shares with DL4J become compile
   * scope and would be missing from a "provided" list).
   */
  static synchronized String sparkClasspath() throws Exception {
    Path root = Path.of(System.getProperty("attnsum.project.root")).toAbsolutePath().normalize();
    Path cp = root.resolve("job/target/spark-home-classpath.txt");
    Path home = root.resolve("job/target/spark-home");
    Path log = Files.createTempFile("spark-home", ".log");
    Process p = new ProcessBuilder(root.resolve("scripts/spark-home.sh").toString(), home.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("spark-home.sh finished").isTrue();
    assertThat(p.exitValue()).as(Files.readString(log)).isZero();
    return Files.readString(cp).trim();
  }

  static Result submit(Path tmp, List<String> jobArgs) throws Exception {
    String jar = System.getProperty("attnsum.job.jar");
    String sparkCp = sparkClasspath();
    assertThat(new File(jar)).exists();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx2g");
    cmd.addAll(OPENS);
    cmd.add("-cp");
    cmd.add(sparkCp);
    cmd.add("org.apache.spark.deploy.SparkSubmit");
    cmd.addAll(List.of("--master", "local[2]", "--class", "io.attnsum.cli.Main",
        "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1", jar));
    cmd.addAll(jobArgs);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    File out = tmp.resolve("stdout.txt").toFile();
    File err = tmp.resolve("stderr.txt").toFile();
    pb.redirectOutput(out).redirectError(err);
    Process p = pb.start();
    try {
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        throw new AssertionError("spark-submit did not finish in 5 minutes");
      }
    } finally {
      p.destroyForcibly();
    }
    return new Result(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
        Files.readString(err.toPath(), StandardCharsets.UTF_8));
  }

  @Test
  void shadedJarRunsUnderSparkSubmit() throws Exception {
    Path sample = Path.of("src/test/resources/sample/news.jsonl").toAbsolutePath();
    Path output = tmp.resolve("out");
    Result r = submit(tmp, List.of("run", "--set", "input.path=" + sample, "--set", "output.path=" + output,
        "--set", "output.format=jsonl", "--set", "run.id=submitted", "--set", "vectors.train.epochs=1",
        "--set", io.attnsum.testing.TestSettings.sharedEncoderCache()));
    assertThat(r.code()).as("exit code; stderr:\n%s", tail(r.stderr())).isZero();
    String[] lines = r.stdout().strip().split("\n");
    JsonNode summary = new ObjectMapper().readTree(lines[lines.length - 1]);
    assertThat(summary.get("status").asText()).isEqualTo("succeeded");
    assertThat(summary.get("documents").asLong() + summary.get("rejected").asLong()).isEqualTo(40);
    Path runDir = output.resolve("run_id=submitted");
    assertThat(runDir.resolve("_SUCCESS")).exists();
    long summaries = 0;
    try (var parts = Files.list(runDir.resolve("summaries"))) {
      for (Path p : parts.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
        summaries += Files.readAllLines(p).size();
      }
    }
    assertThat(summaries).isEqualTo(summary.get("documents").asLong());
    assertThat(r.stderr()).contains("stage summarize:");
  }

  @Test
  void badConfigurationExitsWithTwoBeforeSparkStarts() throws Exception {
    Result r = submit(tmp, List.of("run", "--set", "input.path=x", "--set", "output.path=y", "--set", "summary.sentences=-1"));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.stderr()).contains("summary.sentences").contains("-1");
    assertThat(r.stderr()).doesNotContain("SparkContext: Running Spark version");
  }

  @Test
  void missingInputExitsWithThreeAndAJsonSummaryBeforeSparkStarts() throws Exception {
    Result r = submit(tmp, List.of("run", "--set", "input.path=" + tmp.resolve("no-such-corpus.jsonl"),
        "--set", "output.path=" + tmp.resolve("out3"), "--set", "run.id=missing"));
    assertThat(r.code()).as("exit code; stderr:\n%s", tail(r.stderr())).isEqualTo(3);
    String[] lines = r.stdout().strip().split("\n");
    JsonNode summary = new ObjectMapper().readTree(lines[lines.length - 1]);
    assertThat(summary.get("status").asText()).isEqualTo("input_error");
    assertThat(summary.get("error").asText()).contains("matches nothing");
    assertThat(tmp.resolve("out3").resolve("run_id=missing")).doesNotExist();
    // Found out before Spark starts (spark-submit's default logging names Spark's start at INFO).
    assertThat(r.stderr()).doesNotContain("SparkContext: Running Spark version");
  }

  private static String tail(String s) {
    return s.length() < 4000 ? s : s.substring(s.length() - 4000);
  }
}
