package io.attnsum.ml;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Where a {@link Summarizer}'s transform keeps its files: the root ({@code workDir}), under which
 * the static encoder cache ({@code _encoders}) and reusable word vectors ({@code _vectors}) are
 * kept, and a fresh folder of its own for the corpus files, deleted when the driver closes its
 * file systems (Hadoop's delete-on-exit: {@code spark.stop()} or a normal JVM exit). The
 * files are written once and never replaced, as the executors' per-JVM caches expect of a path.
 *
 * @param root the root, as a qualified Hadoop path
 * @param work this transform's own folder
 * @param vectors word vectors kept for {@code vectors.reuse}
 */
record WorkFolders(String root, String work, String vectors) {

  /**
   * The folders for one transform.
   *
   * @param workDir the {@code workDir} param, or null when not set
   * @param encoderCache {@code encoder.cache-path}, or null when not set
   */
  static WorkFolders create(SparkSession spark, String workDir, String encoderCache) {
    String master = spark.sparkContext().master();
    String root = workDir != null ? workDir : defaultRoot(master, encoderCache);
    try {
      Path rootPath = new Path(root);
      FileSystem fs = rootPath.getFileSystem(spark.sparkContext().hadoopConfiguration());
      rootPath = fs.makeQualified(rootPath);
      Path work = new Path(rootPath, "transform-" + UUID.randomUUID());
      fs.mkdirs(work);
      fs.deleteOnExit(work);
      return new WorkFolders(rootPath.toString(), work.toString(),
          new Path(rootPath, "_vectors").toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Summarizer: cannot create a folder under workDir " + root
          + ": " + e.getMessage(), e);
    }
  }

  /**
   * Under a local master the executors share the driver's file system, so a folder in its
   * temporary directory serves, and keeps the static encoder cache from one session to the next.
   * A cluster needs a folder every executor can read: {@code workDir}, or a folder under the
   * encoder cache when that is set.
   */
  static String defaultRoot(String master, String encoderCache) {
    if (master.startsWith("local")) {
      String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
      return new File(System.getProperty("java.io.tmpdir"), "attnsum-" + user).toURI().toString();
    }
    if (encoderCache != null) {
      return new Path(encoderCache, "_work").toString();
    }
    throw new IllegalArgumentException(String.format(Locale.ROOT, "Summarizer: set workDir (or"
        + " encoder.cache-path) to a folder every executor can read, such as"
        + " hdfs:///tmp/attnsum; master %s is not local, so the driver's temporary directory"
        + " will not do", master));
  }
}
