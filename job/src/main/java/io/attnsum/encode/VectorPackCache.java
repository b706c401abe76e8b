package io.attnsum.encode;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * The per-JVM holder of vector packs: the first task on an executor that asks for a pack loads it
 * from its Hadoop path, every later task in that JVM gets the same instance. This is the
 * "load heavy models once per executor through a lazy holder" pattern of the DL4J distributed
 * examples: nothing is broadcast and nothing is loaded per task. {@link
 * ConcurrentHashMap#computeIfAbsent} makes concurrent first callers wait for the one load.
 */
public final class VectorPackCache {
  private static final Logger LOG = LoggerFactory.getLogger(VectorPackCache.class);
  private static final ConcurrentHashMap<String, VectorPack> PACKS = new ConcurrentHashMap<>();

  private VectorPackCache() {}

  /** The pack at {@code uri}, loaded on first use in this JVM. Call inside mapPartitions. */
  public static VectorPack get(String uri) {
    return PACKS.computeIfAbsent(uri, u -> load(u, hadoopConfiguration()));
  }

  /** Whether this JVM already holds the pack (for tests and logging). */
  public static boolean isLoaded(String uri) {
    return PACKS.containsKey(uri);
  }

  /** Drops a pack from this JVM's cache (tests; a job that rewrites the pack path). */
  public static void evict(String uri) {
    PACKS.remove(uri);
  }

  /** Reads a pack from a Hadoop path, bypassing the cache. */
  public static VectorPack load(String uri, Configuration conf) {
    long start = System.nanoTime();
    Path path = new Path(uri);
    try {
      FileSystem fs = path.getFileSystem(conf);
      VectorPack pack;
      try (InputStream in = new BufferedInputStream(fs.open(path), 1 << 16)) {
        pack = VectorPack.read(in);
      }
      LOG.info(
          "Loaded vector pack {}: {} words x {} dims in {} ms",
          uri, pack.size(), pack.dim(), (System.nanoTime() - start) / 1_000_000);
      return pack;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load vector pack " + uri, e);
    }
  }

  /**
   * The Hadoop configuration an executor would give its tasks: the cluster's {@code *-site.xml}
   * plus the job's {@code spark.hadoop.*} settings (credentials for s3a, for example), which Spark
   * adds the same way when it builds its own Hadoop configuration.
   */
  public static Configuration hadoopConfiguration() {
    Configuration conf = new Configuration();
    try {
      org.apache.spark.SparkEnv env = org.apache.spark.SparkEnv.get();
      if (env != null) {
        for (Tuple2<String, String> kv : env.conf().getAllWithPrefix("spark.hadoop.")) {
          conf.set(kv._1(), kv._2());
        }
      }
    } catch (NoClassDefFoundError e) {
      // Used outside Spark: the site files are all there is.
    }
    return conf;
  }
}
