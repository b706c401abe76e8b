package io.attnsum.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar on real distributed parts, all on this machine: a real HDFS (MiniDFSCluster)
 * holding the corpus, the encoder cache with its static pack and the output; a Spark standalone
 * Master and two Workers as separate JVMs; the job submitted with {@code scripts/submit.sh}, its
 * executors in JVMs of their own. Proves what local mode hides (serialization, the executors'
 * classpath, hdfs:// paths on executors, the static pack loaded per executor JVM): the cluster's
 * tables equal local mode's, and stay equal when an executor JVM is killed mid-run.
 *
 * <p>One HDFS and one cluster serve all tests of the class; every process they start is ended in
 * {@link #stop()} (and by a shutdown hook if the JVM dies first).
 */
class StandaloneClusterIT {
  private static final Path ROOT = Path.of(System.getProperty("attnsum.project.root")).toAbsolutePath().normalize();
  private static final Path SAMPLE = ROOT.resolve("job/src/test/resources/sample/news.jsonl");
  private static final List<String> TABLES = List.of("sentences", "summaries", "rejected");
  private static final String ENCODERS = "/encoders";
  private static final Pattern APP_ID = Pattern.compile("Connected to Spark cluster with app ID (\\S+)");
  private static final Pattern ENCODE_DONE = Pattern.compile("SummarizationJob: stage encode:");
  private static final Pattern TASK_STARTED =
      Pattern.compile("Starting task \\S+ in stage \\S+ \\(TID \\d+\\) \\(\\S+?, ?executor (\\d+),");

  @TempDir static Path tmp;
  private static MiniHdfs hdfs;
  private static StandaloneCluster cluster;
  private static Path sparkHome;
  private static String cleanRun;
  private static String cleanAppId;
  private static Throwable cleanRunFailure;

  @BeforeAll
  static void start() throws Exception {
    sparkHome = assembleSparkHome();
    try {
      hdfs = MiniHdfs.start(tmp.resolve("hdfs"));
      hdfs.put(SAMPLE, "/input/news.jsonl");
      seedEncoderCache();
      // Two Workers of 2 cores / 2g: one 1g executor each (executor cores = 2).
      cluster = StandaloneCluster.start(sparkHome, Files.createDirectories(tmp.resolve("cluster")), 2, 2, "2g");
    } catch (Exception | AssertionError e) {
      stop();
      throw e;
    }
  }

  @AfterAll
  static void stop() {
    try {
      if (cluster != null) {
        cluster.close();
      }
    } finally {
      if (hdfs != null) {
        hdfs.close();
      }
    }
  }

  /**
   * The encoder cache of these runs is on HDFS, so that executors load the static pack from
   * there. The packs the suite's other runs distilled (keyed by model hash in their names) are
   * copied into it; when there are none yet, the first submission distils its own.
   */
  private static void seedEncoderCache() throws IOException {
    Path shared = io.attnsum.testing.TestSettings.sharedEncoderCacheDir();
    if (!Files.isDirectory(shared)) {
      return;
    }
    try (Stream<Path> packs = Files.list(shared)) {
      for (Path pack : packs.filter(p -> p.getFileName().toString().endsWith(".pack")).toList()) {
        hdfs.put(pack, ENCODERS + "/" + pack.getFileName());
      }
    }
  }

  /** scripts/spark-home.sh, as a user without a Spark download would run it. */
  private static Path assembleSparkHome() throws Exception {
    Path home = ROOT.resolve("job/target/spark-home");
    Process p = new ProcessBuilder(ROOT.resolve("scripts/spark-home.sh").toString(), home.toString())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("spark-home.log").toFile()).start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("spark-home.sh finished").isTrue();
    assertThat(p.exitValue()).as(Files.readString(tmp.resolve("spark-home.log"))).isZero();
    assertThat(home.resolve("RELEASE")).exists();
    return home;
  }

  private static List<String> jobArgs(String output, String runId) {
    // submit.sh adds the "run" command itself.
    return List.of(
        "--set", "input.path=" + hdfs.uri("/input/news.jsonl"),
        "--set", "output.path=" + hdfs.uri(output),
        "--set", "output.format=jsonl",
        "--set", "run.id=" + runId,
        "--set", "encoder.cache-path=" + hdfs.uri(ENCODERS),
        // The same partitions in every run: attention batches, and so the floats, follow them.
        "--set", "input.partitions=4");
  }

  private static Submission submit(String master, String name, String output) throws IOException {
    return Submission.start(ROOT, sparkHome, master, tmp, name, Map.of("OMP_NUM_THREADS", "1"), jobArgs(output, "r"));
  }

  private static void assertSucceeded(Submission s) throws Exception {
    int code = s.await();
    assertThat(code).as("exit code; driver log %s:\n%s", s.stderr().file(), s.stderr().tail(80)).isZero();
    JsonNode summary = s.summary();
    assertThat(summary.get("status").asText()).isEqualTo("succeeded");
    assertThat(summary.get("documents").asLong() + summary.get("rejected").asLong()).isEqualTo(40);
  }

  /** The run without faults on the cluster, shared by the tests that compare against it. */
  private static synchronized String cleanClusterRun() throws Exception {
    if (cleanRunFailure != null) {
      throw new AssertionError("the clean cluster run failed (see the first failing test)", cleanRunFailure);
    }
    if (cleanRun == null) {
      try (Submission s = submit(cluster.masterUrl(), "cluster-clean", "/out/cluster-clean")) {
        cleanAppId = s.stderr().await(APP_ID, Duration.ofMinutes(2)).group(1);
        assertSucceeded(s);
      } catch (Exception | AssertionError e) {
        cleanRunFailure = e;
        throw e;
      }
      cleanRun = "/out/cluster-clean/run_id=r";
    }
    return cleanRun;
  }

  @Test
  void clusterRunWritesTheSameTablesAsLocalMode() throws Exception {
    String onCluster = cleanClusterRun();
    try (Submission local = submit("local[2]", "local", "/out/local")) {
      assertSucceeded(local);
    }
    String inLocalMode = "/out/local/run_id=r";
    assertThat(hdfs.exists(onCluster + "/_SUCCESS")).isTrue();
    assertThat(hdfs.rows(onCluster + "/summaries")).hasSizeGreaterThan(30);
    for (String table : TABLES) {
      assertThat(hdfs.rows(onCluster + "/" + table)).as(table).isEqualTo(hdfs.rows(inLocalMode + "/" + table));
    }
    // The manifest names the standalone master: the cluster run did not fall back to local mode.
    assertThat(hdfs.read(onCluster + "/_manifest.json")).contains(cluster.masterUrl());
  }

  @Test
  void bothWorkersRanTasksInExecutorJvmsOfTheirOwn() throws Exception {
    cleanClusterRun();
    for (StandaloneCluster.Worker w : cluster.workers()) {
      List<Path> logs = executorLogs(w, cleanAppId);
      assertThat(logs).as("executor logs of %s under %s", cleanAppId, w.workDir()).hasSize(1);
      String log = Files.readString(logs.get(0));
      assertThat(log).contains("Finished task");
      // The executor read the static pack from HDFS itself and computed with the Java kernel
      // (the job gives executors the Vector API module), never starting ND4J: executors train
      // nothing, so nothing else would.
      assertThat(log).containsPattern(
          "attention kernel java-vector \\(JDK Vector API, CPU\\) on executor \\d+ pid \\d+; the summarizer does not use ND4J");
      assertThat(log).doesNotContain("ND4J backend");
    }
  }

  @Test
  void killingAnExecutorMidRunChangesNothing() throws Exception {
    String clean = cleanClusterRun();
    try (Submission s = submit(cluster.masterUrl(), "cluster-lost", "/out/cluster-lost")) {
      // Once the encode stage is done the summarize stage starts; kill the executor that gets
      // its first task. Its cached partitions and shuffle files go with it.
      int after = s.stderr().await(ENCODE_DONE, Duration.ofMinutes(3)).line();
      String executor = s.stderr().await(TASK_STARTED, after, Duration.ofMinutes(1)).group(1);
      ProcessHandle jvm = cluster.executor(executor)
          .orElseThrow(() -> new AssertionError("no JVM for executor " + executor + " among " + cluster.executors()));
      jvm.destroyForcibly();
      jvm.onExit().get(1, TimeUnit.MINUTES);
      assertSucceeded(s);
      assertThat(s.stderr().text()).containsPattern("Lost executor " + executor + " on ");
    }
    for (String table : TABLES) {
      assertThat(hdfs.rows("/out/cluster-lost/run_id=r/" + table)).as(table).isEqualTo(hdfs.rows(clean + "/" + table));
    }
  }

  /** {@code <work dir>/<app id>/<executor id>/stderr} of one application. */
  private static List<Path> executorLogs(StandaloneCluster.Worker w, String appId) throws IOException {
    Path appDir = w.workDir().resolve(appId);
    if (!Files.isDirectory(appDir)) {
      return List.of();
    }
    List<Path> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(appDir)) {
      dirs.map(d -> d.resolve("stderr")).filter(Files::isRegularFile).forEach(out::add);
    }
    return out;
  }
}
