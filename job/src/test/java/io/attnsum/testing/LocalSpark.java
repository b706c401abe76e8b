package io.attnsum.testing;

import org.apache.spark.sql.SparkSession;

/**
 * One {@code local[2,4]} SparkSession (two threads, up to four attempts per task, so retries can be tested) per test JVM, shared by every Spark test class (starting
 * Spark costs seconds; tests must not depend on each other's data, only on the session). Test
 * classes using it are {@code *IT} and keep the session in a {@code transient} field.
 */
public final class LocalSpark {
  private static SparkSession session;

  private LocalSpark() {}

  public static synchronized SparkSession get() {
    if (session == null) {
      session =
          SparkSession.builder()
              .master("local[2,4]")
              .appName("attnsum-test")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "4")
              .config("spark.default.parallelism", "4")
              .config("spark.sql.session.timeZone", "UTC")
              .config(kryo())
              .getOrCreate();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> session.stop()));
    }
    return session;
  }

  /** The job's serializer settings (as {@code Main} sets them), so tests run the same encoding. */
  private static org.apache.spark.SparkConf kryo() {
    org.apache.spark.SparkConf conf = new org.apache.spark.SparkConf(false);
    io.attnsum.job.KryoRegistration.configure(conf);
    return conf;
  }
}
