package io.attnsum.rank;

import io.attnsum.testing.TestSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Run in a JVM of its own by {@link JavaKernelLeavesNd4jUnstartedTest}: summarizes with {@code
 * attention.kernel = auto}, then says whether ND4J's native libraries are mapped into the process,
 * before and after ND4J is made to start (the second answer shows the first can say yes).
 */
public final class JavaKernelProbe {
  private JavaKernelProbe() {}

  public static void main(String[] args) throws IOException {
    DocumentSummary s;
    String kernel;
    try (var summarizer = new io.attnsum.testing.WordVectorSummarizer(
        TestSettings.attention(), TestSettings.rank(), DocumentRankerTest.PACK)) {
      s = summarizer.summarize(java.util.List.of(DocumentRankerTest.TOPIC)).get(0);
      kernel = summarizer.kernel().name();
    }
    System.out.println("kernel=" + kernel);
    System.out.println("summary=" + fingerprint(s));
    System.out.println("natives-before=" + nd4jNativesMapped());
    Nd4j.create(new float[] {1f, 2f}).sumNumber();
    System.out.println("natives-after=" + nd4jNativesMapped());
  }

  /** The selection and every sentence's score, exactly. */
  static String fingerprint(DocumentSummary s) {
    StringBuilder b = new StringBuilder(java.util.Arrays.toString(s.selected()));
    s.sentences().forEach(x -> b.append(' ').append(x.score()));
    return b.toString();
  }

  /** Whether a shared library of ND4J (libnd4jcpu, libjnind4jcpu, ...) is mapped (Linux). */
  static boolean nd4jNativesMapped() throws IOException {
    return Files.readAllLines(Path.of("/proc/self/maps")).stream().anyMatch(l -> l.contains("nd4j") && l.contains(".so"));
  }
}
