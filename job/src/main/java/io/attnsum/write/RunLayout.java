package io.attnsum.write;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
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
 */
public final class RunLayout {
  private static final Logger LOG = LoggerFactory.getLogger(RunLayout.class);
  public static final String SUCCESS = "_SUCCESS";
  public static final String MANIFEST = "_manifest.json";

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
  public void publish(String manifestJson, boolean replace) throws IOException {
    FileSystem fs = fs();
    fs.delete(work(), true);
    writeText(new Path(staging, MANIFEST), manifestJson);
    writeText(new Path(staging, SUCCESS), "");
    Path old = null;
    if (fs.exists(published)) {
      if (!replace) {
        throw new IOException("output already exists and output.mode = error-if-exists: " + published);
      }
      old = new Path(staging.getParent(), staging.getName() + ".replaced");
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

  private static void deleteIfEmpty(FileSystem fs, Path dir) throws IOException {
    if (fs.exists(dir)) {
      FileStatus[] left = fs.listStatus(dir);
      if (left.length == 0) {
        fs.delete(dir, false);
      }
    }
  }
}
