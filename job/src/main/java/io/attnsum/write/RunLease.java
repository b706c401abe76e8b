package io.attnsum.write;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lease a run holds on its run id while it runs, so that two runs of one id never write and
 * publish at once, and so that a run holding it knows that any other staging directory of its id
 * belongs to a run that is no longer running.
 *
 * <p>The lease is a small file on the output's file system, created only where none exists (one
 * atomic create on HDFS; an exclusive create on the local file system), that says who holds it.
 * The holder renews it from a daemon thread every quarter of {@code run.lease-timeout} by setting
 * the file's modification time (by writing the file again where the file system ignores that, as
 * S3A does). A lease not renewed for the whole timeout belongs to a run that died and is taken
 * over, so a killed run holds its id for at most that long; on the machine where it ran not even
 * that, as a holder whose process is gone is recognised at once. At each renewal the holder also
 * reads the file back: if another run took the lease over (this one stalled past the timeout), it
 * stops renewing and {@link #checkHeld()} fails before the publishing rename.
 */
public final class RunLease implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunLease.class);

  private final FileSystem fs;
  private final Path file;
  private final Holder self;
  private final ScheduledExecutorService renewer;
  private volatile String lost;

  /**
   * Who holds a lease, as its file says.
   *
   * @param owner the holder's staging directory: one per run
   * @param pidNamespace the holder's PID namespace (Linux; empty elsewhere): a process id means
   *     the same process only within one namespace, e.g. not across containers of one host name
   * @param processStart the holder's process start, epoch milliseconds: tells a reused pid apart
   */
  record Holder(String owner, String host, String pidNamespace, long pid, long processStart, String startedAt) {

    static Holder thisProcess(String owner) {
      ProcessHandle me = ProcessHandle.current();
      return new Holder(owner, thisHostName(), thisPidNamespace(), me.pid(), startMillis(me), Instant.now().toString());
    }

    String text() {
      return "owner=" + owner + "\nhost=" + host + "\npid_namespace=" + pidNamespace + "\npid=" + pid
          + "\nprocess_start=" + processStart + "\nstarted_at=" + startedAt + "\n";
    }

    /** The holder a lease file names, or null if it is empty or incomplete (being written). */
    static Holder parse(String text) {
      Properties p = new Properties();
      try {
        p.load(new StringReader(text));
        return new Holder(p.getProperty("owner"), p.getProperty("host"), p.getProperty("pid_namespace", ""),
            Long.parseLong(p.getProperty("pid")), Long.parseLong(p.getProperty("process_start", "-1")),
            p.getProperty("started_at"));
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }

    String describe() {
      return "pid " + pid + " on " + host + ", started " + startedAt + ", staging " + owner;
    }

    /** Whether this holder is a process on this machine (host and PID namespace) that has ended. */
    boolean goneFrom(Holder here) {
      if (!host.equals(here.host) || pidNamespace.isEmpty() || !pidNamespace.equals(here.pidNamespace)) {
        return false;
      }
      Optional<ProcessHandle> process = ProcessHandle.of(pid);
      if (process.isEmpty() || !process.get().isAlive()) {
        return true;
      }
      // Start times are derived from the kernel's clock ticks: the same process reads the same
      // to well within a second, a process that reuses the pid starts later.
      long start = startMillis(process.get());
      return processStart > 0 && start > 0 && Math.abs(start - processStart) > 1000;
    }
  }

  private RunLease(FileSystem fs, Path file, Holder self, Duration timeout) {
    this.fs = fs;
    this.file = file;
    this.self = self;
    this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "attnsum-lease-renewer");
      t.setDaemon(true);
      return t;
    });
    long period = Math.max(1, timeout.toMillis() / 4);
    renewer.scheduleAtFixedRate(this::renew, period, period, TimeUnit.MILLISECONDS);
  }

  /**
   * Takes the lease in {@code file} for the run whose staging directory is {@code owner}, taking
   * over one its holder abandoned.
   *
   * @throws RunInUseException if a live run holds it, naming that run
   */
  public static RunLease acquire(FileSystem fs, Path file, String runId, String owner, Duration timeout)
      throws IOException {
    Holder self = Holder.thisProcess(owner);
    byte[] text = self.text().getBytes(StandardCharsets.UTF_8);
    // A few rounds: between seeing a lease and taking it over, its holder may release it or
    // another run may take it.
    for (int round = 0; round < 3; round++) {
      if (createExclusively(fs, file, text)) {
        LOG.info("holding the lease of run id {} ({})", runId, file);
        return new RunLease(fs, file, self, timeout);
      }
      FileStatus status;
      Holder holder;
      try {
        status = fs.getFileStatus(file);
        holder = read(fs, file);
      } catch (FileNotFoundException e) {
        continue;
      }
      long ageMillis = System.currentTimeMillis() - status.getModificationTime();
      String abandoned = abandoned(holder, self, ageMillis, timeout);
      if (abandoned == null) {
        throw new RunInUseException("run id " + runId + " is in use by another run ("
            + (holder == null ? "its lease is being written" : holder.describe()) + "): its lease " + file
            + " was renewed " + ageMillis / 1000 + " s ago, and a lease not renewed for "
            + timeout.toSeconds() + " s (run.lease-timeout) is taken over");
      }
      LOG.warn("taking over the lease of run id {} from a run that is not running ({}): {}", runId,
          holder == null ? "holder unreadable" : holder.describe(), abandoned);
      fs.delete(file, false);
    }
    throw new RunInUseException("run id " + runId + " is in use: another run took its lease " + file
        + " while this one was taking it");
  }

  /** Why the lease's holder is not running any more, or null if it may be. */
  static String abandoned(Holder holder, Holder self, long ageMillis, Duration timeout) {
    if (holder != null && holder.goneFrom(self)) {
      return "its process " + holder.pid() + " on this machine has ended";
    }
    if (ageMillis > timeout.toMillis()) {
      return "not renewed for " + ageMillis / 1000 + " s, over run.lease-timeout = " + timeout.toSeconds() + " s";
    }
    return null;
  }

  public Path file() {
    return file;
  }

  /** Fails unless this run still holds the lease: call it right before publishing. */
  public void checkHeld() throws IOException {
    String why = lost != null ? lost : lostBecause(read(fs, file));
    if (why != null) {
      throw new RunInUseException("this run (" + self.owner() + ") no longer holds its run id's lease: " + why);
    }
  }

  private String lostBecause(Holder now) {
    if (now == null) {
      return "its lease file " + file + " is gone or unreadable";
    }
    return now.owner().equals(self.owner()) ? null : "another run took the lease over (" + now.describe() + ")";
  }

  private void renew() {
    try {
      String why = lostBecause(read(fs, file));
      if (why != null) {
        lost = why;
        LOG.error("run {} lost its lease, so it will not publish: {}", self.owner(), why);
        renewer.shutdown();
        return;
      }
      long now = System.currentTimeMillis();
      fs.setTimes(file, now, -1);
      if (fs.getFileStatus(file).getModificationTime() < now - 1000) {
        // The file system keeps no times of its own setting (object stores): write it again.
        try (OutputStream out = fs.create(file, true)) {
          out.write(self.text().getBytes(StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      // Retried at the next period; the lease is lost only if this goes on for the timeout.
      LOG.warn("could not renew the lease {}: {}", file, e.toString());
    }
  }

  /** Stops renewing and removes the lease (if still this run's), then the staging root if empty. */
  @Override
  public void close() {
    renewer.shutdownNow();
    try {
      renewer.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      Holder now = read(fs, file);
      if (now != null && now.owner().equals(self.owner())) {
        fs.delete(file, false);
      }
      RunLayout.deleteIfEmpty(fs, file.getParent());
    } catch (IOException e) {
      LOG.warn("could not release the lease {}: {}", file, e.toString());
    }
  }

  /** The lease's holder, or null if there is no lease file or it is incomplete. */
  static Holder read(FileSystem fs, Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      return Holder.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  /** Creates {@code file} with {@code content} unless it exists; false if it does. */
  private static boolean createExclusively(FileSystem fs, Path file, byte[] content) throws IOException {
    if (fs instanceof LocalFileSystem local) {
      // Hadoop's local create checks for the file and then creates it, two steps; the JDK's
      // CREATE_NEW is one (O_EXCL).
      java.nio.file.Path f = local.pathToFile(file).toPath();
      Files.createDirectories(f.getParent());
      try {
        Files.write(f, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return true;
      } catch (java.nio.file.FileAlreadyExistsException e) {
        return false;
      }
    }
    try (OutputStream out = fs.create(file, false)) {
      out.write(content);
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      // HDFS reports a file another client is still creating as a different error.
      if (fs.exists(file)) {
        return false;
      }
      throw e;
    }
  }

  private static String thisHostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return System.getenv().getOrDefault("HOSTNAME", "unknown");
    }
  }

  private static String thisPidNamespace() {
    try {
      return Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/ns/pid")).toString();
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return "";
    }
  }

  private static long startMillis(ProcessHandle p) {
    return p.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
  }
}
