package io.attnsum.job;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** Versions of what produced a run, for the manifest. */
final class Versions {
  private Versions() {}

  static Map<String, String> all(SparkSession spark) {
    Map<String, String> v = new LinkedHashMap<>();
    String own = Versions.class.getPackage().getImplementationVersion();
    v.put("attnsum", own == null ? "dev" : own);
    v.put("spark", spark.version());
    v.put("scala", scala.util.Properties.versionNumberString());
    v.put("java", System.getProperty("java.version"));
    v.put("hadoop", org.apache.hadoop.util.VersionInfo.getVersion());
    String nd4j = org.nd4j.linalg.factory.Nd4j.class.getPackage().getImplementationVersion();
    v.put("nd4j", nd4j == null ? "1.0.0-M2.1" : nd4j);
    // From the jar, not by starting ND4J: with the CUDA build, a driver on a node without a GPU
    // would otherwise fail here, after the whole run (executors log what they computed on).
    v.put("nd4j_backend", String.join("+", io.attnsum.vectors.Nd4jBackends.inJar()));
    return v;
  }
}
