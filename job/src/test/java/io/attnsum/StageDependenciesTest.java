package io.attnsum;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Data flows one way through the stages (read, text, encode, attention, rank, write), and
 * so do the imports: a stage may use a stage before it, never one after it, and {@code config}
 * (loading and validation) knows no stage. {@code eval}, {@code cli}, {@code job} and {@code ml}
 * wire the stages and may use any of them. Reads the main sources, as the compiler would see them.
 */
class StageDependenciesTest {
  /** Each stage's place in the pipeline; a package may use those with a lower or equal number. */
  private static final Map<String, Integer> STAGES =
      Map.of(
          "read", 0, "text", 1, "encode", 2, "attention", 3, "rank", 4, "write", 5);

  /** The packages that wire stages together and may use all of them. */
  private static final List<String> WIRING = List.of("job", "cli", "eval", "ml");

  private static final Pattern REFERENCE = Pattern.compile("\\bio\\.attnsum\\.([a-z0-9_]+)\\.");

  @Test
  void configKnowsNoStageAndNoStageUsesALaterOne() throws IOException {
    Path main = Path.of(System.getProperty("user.dir"), "src", "main", "java", "io", "attnsum");
    List<String> offenders = new ArrayList<>();
    int files = 0;
    try (Stream<Path> paths = Files.walk(main)) {
      for (Path p : paths.filter(f -> f.toString().endsWith(".java")).toList()) {
        files++;
        String pkg = main.relativize(p).getName(0).toString();
        offenders.addAll(violations(main.relativize(p).toString(), pkg, Files.readAllLines(p)));
      }
    }
    assertThat(files).as("java sources read").isGreaterThan(100);
    assertThat(offenders).isEmpty();
  }

  @Test
  void theCheckFindsAnUpwardImportAndAStageInConfig() {
    assertThat(violations("attention/A.java", "attention",
            List.of("package io.attnsum.attention;", "import io.attnsum.rank.RankSettings;")))
        .containsExactly("attention/A.java:2: attention uses rank: import io.attnsum.rank.RankSettings;");
    assertThat(violations("config/C.java", "config",
            List.of("  io.attnsum.read.InputSettings s = null;")))
        .hasSize(1);
    assertThat(violations("rank/R.java", "rank",
            List.of("import io.attnsum.attention.AttentionSettings;", "// io.attnsum.write.X")))
        .isEmpty();
  }

  /** The lines of one source file of package {@code pkg} that use a package it must not. */
  private static List<String> violations(String file, String pkg, List<String> lines) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.startsWith("*") || line.startsWith("//") || line.startsWith("/*")
          || line.startsWith("package ")) {
        continue;
      }
      Matcher m = REFERENCE.matcher(line);
      while (m.find()) {
        String used = m.group(1);
        if (!allowed(pkg, used)) {
          out.add(file + ":" + (i + 1) + ": " + pkg + " uses " + used + ": " + line);
        }
      }
    }
    return out;
  }

  private static boolean allowed(String pkg, String used) {
    if (pkg.equals(used) || WIRING.contains(pkg)) {
      return true;
    }
    if (pkg.equals("config")) {
      return false;
    }
    Integer from = STAGES.get(pkg);
    Integer to = STAGES.get(used);
    if (from == null) {
      throw new AssertionError(
          "package io.attnsum." + pkg + " is neither a stage nor wiring: place it in " + STAGES);
    }
    return used.equals("config") || to != null && to <= from;
  }
}
