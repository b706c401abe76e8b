package io.attnsum.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of {@code scripts/submit.sh} (what the README tells users to run against a cluster),
 * its driver's stdout and stderr drained as they come. Small sizes throughout: the test machine
 * is shared.
 */
final class Submission implements AutoCloseable {
  private static final Duration RUN = Duration.ofMinutes(5);

  private final Process process;
  private final ProcessLog stdout;
  private final ProcessLog stderr;

  private Submission(Process process, ProcessLog stdout, ProcessLog stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /**
   * Starts {@code scripts/submit.sh run ARGS} against {@code master} (a spark:// URL or
   * local[n]), with {@code sparkHome} as SPARK_HOME; logs go to {@code dir/<name>.{out,err}}.
   */
  static Submission start(Path projectRoot, Path sparkHome, String master, Path dir, String name,
      Map<String, String> extraEnv, List<String> jobArgs) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(projectRoot.resolve("scripts/submit.sh").toString());
    cmd.addAll(jobArgs);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    Map<String, String> env = pb.environment();
    env.put("SPARK_HOME", sparkHome.toString());
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("ATTNSUM_MASTER", master);
    env.put("ATTNSUM_JAR", System.getProperty("attnsum.job.jar"));
    env.put("ATTNSUM_DRIVER_MEMORY", "1g");
    env.put("ATTNSUM_EXECUTOR_MEMORY", "1g");
    env.put("ATTNSUM_EXECUTOR_CORES", "2");
    env.put("ATTNSUM_ND4J_MAXBYTES", "512m");
    env.put("ATTNSUM_SUBMIT_ARGS", "--conf spark.ui.enabled=false --conf spark.driver.host=127.0.0.1"
        + " --conf spark.driver.bindAddress=127.0.0.1");
    env.putAll(extraEnv);
    Process p = pb.start();
    p.getOutputStream().close();
    return new Submission(p,
        ProcessLog.drain(p.getInputStream(), dir.resolve(name + ".out"), name + "-out"),
        ProcessLog.drain(p.getErrorStream(), dir.resolve(name + ".err"), name + "-err"));
  }

  ProcessLog stdout() {
    return stdout;
  }

  /** The driver's log (Spark's and the job's INFO lines). */
  ProcessLog stderr() {
    return stderr;
  }

  /** Waits for the driver to exit; returns its exit code. */
  int await() throws InterruptedException {
    if (!process.waitFor(RUN.toSeconds(), TimeUnit.SECONDS)) {
      throw new AssertionError("submit.sh did not finish in " + RUN + "; driver log:\n" + stderr.tail(60));
    }
    stdout.awaitEnd(Duration.ofSeconds(30));
    stderr.awaitEnd(Duration.ofSeconds(30));
    return process.exitValue();
  }

  /** The job's one-line JSON summary: the last stdout line (see io.attnsum.cli.Main). */
  JsonNode summary() throws IOException {
    List<String> lines = stdout.lines();
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).startsWith("{")) {
        return new ObjectMapper().readTree(lines.get(i));
      }
    }
    throw new AssertionError("no JSON summary on stdout; driver log:\n" + stderr.tail(60));
  }

  @Override
  public void close() {
    ProcessTree.destroy(process.toHandle());
  }
}
