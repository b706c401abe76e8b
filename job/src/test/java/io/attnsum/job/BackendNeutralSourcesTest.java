package io.attnsum.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code mvn -Pcuda -DskipTests package} compiles main and test sources against the CUDA backend
 * alone, so no source may name a class of one backend (the CPU backend's {@code
 * org.nd4j.linalg.cpu...} or CUDA's {@code org.nd4j.linalg.jcublas...}). CI cannot build the CUDA
 * jar (its natives are 600 MB), so this reads the sources instead: a test importing
 * {@code CpuBackend} would break that build unnoticed.
 */
class BackendNeutralSourcesTest {
  private static final Pattern BACKEND_CLASS = Pattern.compile("\\borg\\.nd4j\\.linalg\\.(cpu|jcublas)\\.");

  @Test
  void noSourceNamesAClassOfOneNd4jBackend() throws IOException {
    Path src = Path.of(System.getProperty("user.dir"), "src");
    List<String> offenders = new ArrayList<>();
    int files = 0;
    try (Stream<Path> paths = Files.walk(src)) {
      for (Path p : paths.filter(f -> f.toString().endsWith(".java")).toList()) {
        files++;
        List<String> lines = Files.readAllLines(p);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i).trim();
          boolean comment = line.startsWith("*") || line.startsWith("//") || line.startsWith("/*");
          if (!comment && BACKEND_CLASS.matcher(line).find()) {
            offenders.add(src.relativize(p) + ":" + (i + 1) + ": " + line);
          }
        }
      }
    }
    assertThat(files).as("java sources read").isGreaterThan(100);
    assertThat(offenders).isEmpty();
  }
}
