package io.attnsum.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import io.attnsum.config.ConfigLoader;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * README.md's configuration tables say what reference.conf says. A configuration table is a
 * Markdown table whose header row is {@code | key | default | meaning |}; each row names one key
 * in backticks and its default in backticks as HOCON writes it ({@code ""} empty, {@code {}} an
 * empty object). Every key of reference.conf (a value that is not an object, or an empty object)
 * has exactly one row, with the same default, and every row names a key of reference.conf.
 */
class ReadmeConfigTableTest {
  private static final Pattern HEADER = Pattern.compile("^\\|\\s*key\\s*\\|\\s*default\\s*\\|\\s*meaning\\s*\\|\\s*$");
  private static final Pattern SEPARATOR = Pattern.compile("^\\|(\\s*:?-+:?\\s*\\|){3}\\s*$");
  private static final Pattern CODE = Pattern.compile("^`([^`]*)`$");
  private static final ConfigRenderOptions CONCISE = ConfigRenderOptions.concise();

  /** What is wrong with the tables of {@code markdown} against {@code expected} (key to default). */
  static List<String> problems(List<String> markdown, Map<String, ConfigValue> expected) {
    List<String> problems = new ArrayList<>();
    Map<String, Integer> documented = new HashMap<>();
    for (int i = 0; i < markdown.size(); i++) {
      if (!HEADER.matcher(markdown.get(i)).matches()) {
        continue;
      }
      if (i + 1 >= markdown.size() || !SEPARATOR.matcher(markdown.get(i + 1)).matches()) {
        problems.add("line " + (i + 2) + ": not a table's |---|---|---| line");
      }
      for (int j = i + 2; j < markdown.size() && markdown.get(j).startsWith("|"); j++) {
        String where = "line " + (j + 1) + ": ";
        // Cells are split at | not escaped as \| (the meaning may hold "a \| b").
        String[] cells = markdown.get(j).split("(?<!\\\\)\\|", -1);
        Matcher key = CODE.matcher(cells.length == 5 ? cells[1].trim() : "");
        Matcher value = CODE.matcher(cells.length == 5 ? cells[2].trim() : "");
        if (!key.matches() || !value.matches()) {
          problems.add(where + "not | `key` | `default` | meaning |");
          continue;
        }
        Integer earlier = documented.put(key.group(1), j + 1);
        if (earlier != null) {
          problems.add(where + key.group(1) + " has a row already, on line " + earlier);
        }
        ConfigValue reference = expected.get(key.group(1));
        if (reference == null) {
          problems.add(where + key.group(1) + " is not a key of reference.conf");
          continue;
        }
        Object given = ConfigFactory.parseString("v = " + value.group(1)).getValue("v").unwrapped();
        if (!given.equals(reference.unwrapped())) {
          problems.add(where + key.group(1) + " defaults to " + reference.render(CONCISE) + " in reference.conf, not "
              + value.group(1));
        }
      }
    }
    expected.forEach((key, value) -> {
      if (!documented.containsKey(key)) {
        problems.add(key + " = " + value.render(CONCISE) + " has no row");
      }
    });
    return problems;
  }

  /** Every value under {@code object} that is not an object, and every empty object, by path. */
  static Map<String, ConfigValue> keys(ConfigObject object, String prefix) {
    Map<String, ConfigValue> keys = new TreeMap<>();
    object.forEach((name, value) -> {
      String path = prefix + name;
      if (value instanceof ConfigObject child && !child.isEmpty()) {
        keys.putAll(keys(child, path + "."));
      } else {
        keys.put(path, value);
      }
    });
    return keys;
  }

  /** reference.conf's keys under attnsum's own sections (other jars on the class path have one too). */
  static Map<String, ConfigValue> referenceKeys() {
    Config reference = ConfigFactory.parseResources("reference.conf");
    Map<String, ConfigValue> keys = new TreeMap<>();
    for (String root : ConfigLoader.ROOTS) {
      if (reference.hasPath(root)) {
        keys.putAll(keys(reference.getObject(root), root + "."));
      }
    }
    return keys;
  }

  @Test
  void readmeTablesAndReferenceConfAgree() throws Exception {
    Map<String, ConfigValue> reference = referenceKeys();
    assertThat(reference).containsKeys("input.path", "rank.damping", "spark.conf", "vectors.train.seed");
    List<String> readme = Files.readAllLines(Path.of("../README.md"), StandardCharsets.UTF_8);
    assertThat(problems(readme, reference)).as("README.md against reference.conf").isEmpty();
  }

  @Test
  void aWrongDefaultAnUnknownKeyARepeatedKeyAndAMissingKeyAreReported() {
    Map<String, ConfigValue> reference = keys(ConfigFactory.parseString(
        "input { path = \"\", partitions = 0 }, text.language = auto, rank.damping = 0.9, spark.conf {}").root(), "");
    List<String> readme = List.of(
        "| key | default | meaning |",
        "|---|---|---|",
        "| `input.path` | `\"\"` | required |",
        "| `text.language` | `auto` | `auto` \\| `en` \\| `zh` |",
        "| `rank.damping` | `0.85` | PageRank damping |",
        "| `rank.dumping` | `0.9` | a typo |",
        "| `text.language` | `auto` | again |",
        "| `spark.conf` | `{}` | passed to Spark |",
        "| spark.app-name | `attnsum` | no backticks |",
        "",
        "| key | default | |",
        "|---|---|---|",
        "| `input.partitions` | `0` | not a configuration table |");
    assertThat(problems(readme, reference)).containsExactly(
        "line 5: rank.damping defaults to 0.9 in reference.conf, not 0.85",
        "line 6: rank.dumping is not a key of reference.conf",
        "line 7: text.language has a row already, on line 4",
        "line 9: not | `key` | `default` | meaning |",
        "input.partitions = 0 has no row");
  }
}
