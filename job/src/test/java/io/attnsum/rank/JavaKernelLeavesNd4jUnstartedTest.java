package io.attnsum.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.attnsum.attention.AttentionKernel;
import io.attnsum.testing.TestSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the Java kernel a summarizer needs nothing of ND4J, and a JVM that only summarizes never
 * starts it (its natives cost a local run about a second and 100 MB). Checked in a JVM of its own,
 * as this one has started ND4J in other tests.
 */
class JavaKernelLeavesNd4jUnstartedTest {

  @Test
  void aJavaKernelSummarizerLoadsNoNd4jNatives(@TempDir Path tmp) throws Exception {
    assumeTrue(Path.of("/proc/self/maps").toFile().canRead(), "needs Linux /proc");
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        AttentionKernel.JVM_OPTION, "-Xmx512m",
        "-cp", System.getProperty("java.class.path"), JavaKernelProbe.class.getName()));
    Path out = tmp.resolve("out.txt");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("probe finished").isTrue();
    } finally {
      p.destroyForcibly();
    }
    String text = Files.readString(out);
    assertThat(p.exitValue()).as(text).isZero();
    assertThat(text).contains("kernel=JAVA_VECTOR").contains("natives-before=false").contains("natives-after=true");
    // The same selection and scores, bit for bit, as this JVM's Java kernel gives.
    try (var here = new io.attnsum.testing.WordVectorSummarizer(
        TestSettings.attention(), TestSettings.rank(), DocumentRankerTest.PACK)) {
      assertThat(here.kernel()).isEqualTo(AttentionKernel.JAVA_VECTOR);
      assertThat(text).contains(
          "summary=" + JavaKernelProbe.fingerprint(here.summarize(List.of(DocumentRankerTest.TOPIC)).get(0)) + "\n");
    }
  }
}
