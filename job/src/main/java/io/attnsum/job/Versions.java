package io.attnsum.job;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Versions of what produced a run, for the manifest and {@code attnsum --version}. Read from the
 * class path only: no Spark session, and ND4J is not started (with the CUDA build, a driver on a
 * node without a GPU would otherwise fail here; executors log what they computed on).
 */
public final class Versions {
  private Versions() {}

  /** Name to version, in a fixed order; "unknown" where the class path does not say. */
  public static Map<String, String> all() {
    Map<String, String> v = new LinkedHashMap<>();
    // The jar's manifest (Implementation-Version); classes run from target/classes have none.
    String own = Versions.class.getPackage().getImplementationVersion();
    v.put("attnsum", own == null ? "dev" : own);
    v.put("spark", org.apache.spark.package$.MODULE$.SPARK_VERSION());
    v.put("scala", scala.util.Properties.versionNumberString());
    v.put("java", System.getProperty("java.version"));
    v.put("hadoop", org.apache.hadoop.util.VersionInfo.getVersion());
    v.put("nd4j", mavenVersion("org.nd4j", "nd4j-api"));
    v.put("dl4j", mavenVersion("org.deeplearning4j", "deeplearning4j-nlp"));
    v.put("nd4j_backend", String.join("+", io.attnsum.encode.Nd4jBackends.inJar()));
    return v;
  }

  /** The version Maven recorded in an artifact's jar (META-INF/maven/.../pom.properties). */
  static String mavenVersion(String groupId, String artifactId) {
    String resource = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
    try (InputStream in = Versions.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
