package io.attnsum.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Spark standalone cluster on this machine: one Master and {@code n} Workers, each its own JVM
 * started through {@code $SPARK_HOME/bin/spark-class} (the SPARK_HOME that
 * {@code scripts/spark-home.sh} assembles), on 127.0.0.1 and ports the OS picks. Workers launch
 * executors as further JVMs (CoarseGrainedExecutorBackend) from the same SPARK_HOME.
 * {@link #close()} ends every process it started, executors included.
 */
final class StandaloneCluster implements AutoCloseable {
  private static final Duration START = Duration.ofMinutes(2);
  private static final Pattern MASTER_URL = Pattern.compile("Starting Spark master at (spark://\\S+)");
  private static final Pattern WORKER_REGISTERED = Pattern.compile("Registering worker (\\S+) with");
  private static final String EXECUTOR_CLASS = "org.apache.spark.executor.CoarseGrainedExecutorBackend";

  private final Path sparkHome;
  private final Path dir;
  private final List<Process> processes = new ArrayList<>();
  private final List<Worker> workers = new ArrayList<>();
  private final Thread shutdownHook;
  private ProcessLog masterLog;
  private String masterUrl;

  /** A Worker process, its log and its work dir (where its executors' stdout/stderr go). */
  record Worker(Process process, ProcessLog log, Path workDir) {}

  private StandaloneCluster(Path sparkHome, Path dir) {
    this.sparkHome = sparkHome;
    this.dir = dir;
    // If the test JVM dies before close() (a crash, a kill from Maven's timeout), still end the
    // cluster: an orphaned Master would keep its ports and memory on a shared machine.
    this.shutdownHook = new Thread(this::destroyAll, "standalone-cluster-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts a Master and {@code workers} Workers of {@code cores} cores and {@code memory} (e.g.
   * "2g") each, and returns once all Workers have registered with the Master.
   */
  static StandaloneCluster start(Path sparkHome, Path dir, int workers, int cores, String memory) throws Exception {
    StandaloneCluster c = new StandaloneCluster(sparkHome, dir);
    try {
      c.startMaster();
      for (int i = 0; i < workers; i++) {
        c.startWorker(i, cores, memory);
      }
      int seen = 0;
      for (int i = 0; i < workers; i++) {
        seen = c.masterLog.await(WORKER_REGISTERED, seen, START).line() + 1;
      }
      return c;
    } catch (Exception | AssertionError e) {
      c.close();
      throw e;
    }
  }

  private void startMaster() throws Exception {
    masterLog = launch("master", List.of("org.apache.spark.deploy.master.Master",
        "--host", "127.0.0.1", "--port", "0", "--webui-port", "0"));
    masterUrl = masterLog.await(MASTER_URL, START).group(1);
  }

  private void startWorker(int i, int cores, String memory) throws Exception {
    Path workDir = Files.createDirectories(dir.resolve("worker-" + i));
    ProcessLog log = launch("worker-" + i, List.of("org.apache.spark.deploy.worker.Worker",
        "--host", "127.0.0.1", "--port", "0", "--webui-port", "0",
        "--cores", String.valueOf(cores), "--memory", memory,
        "--work-dir", workDir.toString(), masterUrl));
    workers.add(new Worker(processes.get(processes.size() - 1), log, workDir));
  }

  private ProcessLog launch(String name, List<String> classAndArgs) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(sparkHome.resolve("bin/spark-class").toString());
    cmd.addAll(classAndArgs);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("SPARK_HOME", sparkHome.toString());
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("SPARK_LOG_DIR", dir.toString());
    // Master and Worker are bookkeeping only; the work is in the executors the Workers launch.
    env.put("SPARK_DAEMON_MEMORY", "256m");
    // No REST submission server (it would take port 6066, fixed); executors' work dirs are
    // kept for the test to read.
    env.put("SPARK_MASTER_OPTS", "-Dspark.master.rest.enabled=false");
    env.put("SPARK_WORKER_OPTS", "-Dspark.worker.cleanup.enabled=false");
    env.put("OMP_NUM_THREADS", "1");
    Process p = pb.start();
    processes.add(p);
    return ProcessLog.drain(p.getInputStream(), dir.resolve(name + ".log"), name);
  }

  /** {@code spark://127.0.0.1:<port>} */
  String masterUrl() {
    return masterUrl;
  }

  ProcessLog masterLog() {
    return masterLog;
  }

  List<Worker> workers() {
    return List.copyOf(workers);
  }

  /** The executor JVMs the Workers run now. */
  List<ProcessHandle> executors() {
    List<ProcessHandle> out = new ArrayList<>();
    for (Worker w : workers) {
      w.process().toHandle().descendants()
          .filter(p -> p.info().commandLine().orElse("").contains(EXECUTOR_CLASS))
          .forEach(out::add);
    }
    return out;
  }

  /** The JVM of executor {@code id} of any application, if it runs now. */
  Optional<ProcessHandle> executor(String id) {
    return executors().stream()
        .filter(p -> executorId(p).equals(Optional.of(id)))
        .findFirst();
  }

  static Optional<String> executorId(ProcessHandle p) {
    String[] args = p.info().arguments().orElse(new String[0]);
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--executor-id")) {
        return Optional.of(args[i + 1]);
      }
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    destroyAll();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook runs (or ran) destroyAll itself.
    }
  }

  private synchronized void destroyAll() {
    // Workers first (with their executors), then the Master, so no Worker re-registers.
    for (int i = processes.size() - 1; i >= 0; i--) {
      ProcessTree.destroy(processes.get(i).toHandle());
    }
    processes.clear();
  }
}
