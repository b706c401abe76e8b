package io.attnsum.encode;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * The per-JVM holder of vector packs ({@link JvmCache}): the first task on an executor that asks
 * for a pack loads it from its Hadoop path, every later task in that JVM gets the same instance.
 */
public final class VectorPackCache {
  private static final Logger LOG = LoggerFactory.getLogger(VectorPackCache.class);
  // Static packs, one per language, or one word vector pack.
  private static final JvmCache<String, VectorPack> PACKS = new JvmCache<>(2);

  private VectorPackCache() {}

  /** The pack at {@code uri}, loaded on first use in this JVM. Call inside mapPartitions. */
  public static VectorPack get(String uri) {
    return PACKS.get(uri, u -> load(u, hadoopConfiguration()));
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
