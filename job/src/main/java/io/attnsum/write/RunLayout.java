package io.attnsum.write;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a run's files go, and how it is published. A run is written under {@code
 * <output>/_staging/run_id=<id>.<nonce>} and becomes visible at {@code <output>/run_id=<id>} only
 * through a rename once every table, the manifest and {@code _SUCCESS} are in place, so readers
 * never see a half-written run and a failed run leaves the previous output of its id untouched.
 *
 * <p>A run holds its run id's lease ({@link RunLease}, {@code _staging/run_id=<id>.lease}) from
 * before it writes anything until it has published. Holding it, a run knows that every other
 * staging directory of its id was left by a run that died without cleaning up (killed, out of
 * memory, its machine lost), and removes them.
 */
public final class RunLayout {
  private static final Logger LOG = LoggerFactory.getLogger(RunLayout.class);
  public static final String SUCCESS = "_SUCCESS";
  public static final String MANIFEST = "_manifest.json";
  private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
  private static final String REPLACED = ".replaced";

  private final Configuration conf;
  private final Path root;
  private final String runId;
  private final Path staging;
  private final Path published;

  public RunLayout(Configuration conf, String outputPath, String runId) {
    this.conf = conf;
    this.root = new Path(outputPath);
    this.runId = runId;
    this.published = new Path(root, "run_id=" + runId);
    this.staging = new Path(new Path(root, "_staging"), "run_id=" + runId + "." + UUID.randomUUID());
  }

  public Path root() {
    return root;
  }

  public Path staging() {
    return staging;
  }

  public Path published() {
    return published;
  }

  /** The run id's lease file, beside the staging directories of its runs. */
  public Path leaseFile() {
    return new Path(staging.getParent(), "run_id=" + runId + ".lease");
  }

  /**
   * Takes this run id's lease for this run.
   *
   * @throws RunInUseException if another run of the id is running
   */
  public RunLease acquireLease(Duration timeout) throws IOException {
    return RunLease.acquire(fs(), leaseFile(), runId, staging.toString(), timeout);
  }

  /**
   * Removes the staging directories of this run id that are not this run's: with the lease
   * held, their runs are not running. A previous output that a run moved aside and died before
   * replacing is put back first. Returns what was removed.
   */
  public List<Path> removeAbandonedStaging() throws IOException {
    FileSystem fs = fs();
    Path dir = staging.getParent();
    if (!fs.exists(dir)) {
      return List.of();
    }
    Pattern ours = Pattern.compile("run_id=" + Pattern.quote(runId) + "\\." + UUID_PATTERN + "(" + Pattern.quote(REPLACED) + ")?");
    List<FileStatus> left = new ArrayList<>();
    for (FileStatus st : fs.listStatus(dir)) {
      if (ours.matcher(st.getPath().getName()).matches() && !st.getPath().getName().equals(staging.getName())) {
        left.add(st);
      }
    }
    if (!fs.exists(published)) {
      // A run died between moving the published output aside and renaming its own into place.
      left.stream()
          .filter(st -> st.getPath().getName().endsWith(REPLACED))
          .max(Comparator.comparingLong(FileStatus::getModificationTime))
          .ifPresent(st -> restore(fs, st.getPath()));
    }
    List<Path> removed = new ArrayList<>();
    for (FileStatus st : left) {
      if (fs.exists(st.getPath())) {
        fs.delete(st.getPath(), true);
        removed.add(st.getPath());
        LOG.info("removed {}, left by an earlier run of run id {} that is not running", st.getPath(), runId);
      }
    }
    return removed;
  }

  private void restore(FileSystem fs, Path replaced) {
    try {
      if (fs.rename(replaced, published)) {
        LOG.warn("put the previous output of run id {} back at {} (a run moved it aside to {} and died)",
            runId, published, replaced);
      }
    } catch (IOException e) {
      LOG.warn("could not put {} back at {}: {}", replaced, published, e.toString());
    }
  }

  public Path stagingTable(String name) {
    return new Path(staging, name);
  }

  /** Scratch space of this run (vector pack etc.); deleted before publishing. */
  public Path work() {
    return new Path(staging, "_work");
  }

  /** Trained vectors are kept across runs here, so {@code vectors.reuse} can find them. */
  public Path vectorsDir() {
    return new Path(root, "_vectors");
  }

  private FileSystem fs() throws IOException {
    return root.getFileSystem(conf);
  }

  public boolean publishedExists() throws IOException {
    return fs().exists(published);
  }

  public void writeText(Path file, String content) throws IOException {
    try (OutputStream out = fs().create(file, true)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * Makes the staged run the published one. With {@code replace}, an existing run of the same id
   * is moved aside first and deleted after the new one is in place.
   */
  public void publish(String manifestJson, boolean replace, RunLease lease) throws IOException {
    FileSystem fs = fs();
    fs.delete(work(), true);
    writeText(new Path(staging, MANIFEST), manifestJson);
    writeText(new Path(staging, SUCCESS), "");
    lease.checkHeld();
    Path old = null;
    if (fs.exists(published)) {
      if (!replace) {
        throw new IOException("output already exists and output.mode = error-if-exists: " + published);
      }
      old = new Path(staging.getParent(), staging.getName() + REPLACED);
      if (!fs.rename(published, old)) {
        throw new IOException("cannot move the previous run aside: " + published);
      }
    }
    if (!fs.rename(staging, published)) {
      if (old != null) {
        fs.rename(old, published);
      }
      throw new IOException("cannot publish " + staging + " as " + published);
    }
    if (old != null) {
      fs.delete(old, true);
    }
    deleteIfEmpty(fs, staging.getParent());
    LOG.info("published run {} at {}", runId, published);
  }

  /** Removes what a failed attempt left in staging; the published output stays as it was. */
  public void discard() {
    try {
      FileSystem fs = fs();
      fs.delete(staging, true);
      deleteIfEmpty(fs, staging.getParent());
    } catch (IOException e) {
      LOG.warn("could not remove staging directory {}: {}", staging, e.toString());
    }
  }

  static void deleteIfEmpty(FileSystem fs, Path dir) throws IOException {
    if (fs.exists(dir)) {
      FileStatus[] left = fs.listStatus(dir);
      if (left.length == 0) {
        fs.delete(dir, false);
      }
    }
  }
}
