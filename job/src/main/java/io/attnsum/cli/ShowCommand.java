package io.attnsum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code attnsum show RUN_DIR [--limit N]}: prints a few summaries of a local run written as JSON
 * Lines, so run-local.sh can show results without extra tools.
 */
final class ShowCommand {
  static final String USAGE =
      """
      Usage: attnsum show RUN_DIR [--limit N]

      Prints the first N summaries (default 3) of a run written with output.format = jsonl:
      each document's id, how many of its sentences were selected, and the selected sentences.
        RUN_DIR      a run directory, <output.path>/run_id=<id>
        --limit N    how many summaries to print
        --help, -h   this text
      """;

  private ShowCommand() {}

  static int run(String[] args) {
    String runDir = null;
    int limit = 3;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--limit") || a.startsWith("--limit=")) {
        String value = a.equals("--limit") ? (++i < args.length ? args[i] : "") : a.substring("--limit=".length());
        limit = wholeNumber(value);
        if (limit < 0) {
          return usageError("--limit needs a whole number >= 0, got '" + value + "'");
        }
      } else if (a.startsWith("-")) {
        return usageError("unknown option '" + a + "'");
      } else if (runDir != null) {
        return usageError("one RUN_DIR only, got '" + runDir + "' and '" + a + "'");
      } else {
        runDir = a;
      }
    }
    if (runDir == null) {
      return usageError("RUN_DIR is required");
    }
    Path dir = Path.of(runDir).resolve("summaries");
    List<Path> parts = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "part-*.json")) {
      ds.forEach(parts::add);
    } catch (IOException e) {
      System.err.println("attnsum show: no JSON Lines summaries under " + dir + " (" + e.getMessage() + ")");
      return Main.NO_INPUT;
    }
    parts.sort(null);
    ObjectMapper json = new ObjectMapper();
    int shown = 0;
    try {
      for (Path p : parts) {
        try (BufferedReader in = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
          String line;
          while (shown < limit && (line = in.readLine()) != null) {
            JsonNode n = json.readTree(line);
            System.out.println("== " + n.get("doc_id").asText() + " (" + n.get("sentence_indices").size()
                + " of " + n.get("sentence_count").asInt() + " sentences)");
            for (String s : n.get("summary").asText().split("\n")) {
              System.out.println("  - " + s);
            }
            shown++;
          }
        }
      }
    } catch (IOException e) {
      System.err.println("attnsum show: " + e.getMessage());
      return Main.FAILED;
    }
    return Main.OK;
  }

  /** The number, or -1 if it is not one. */
  private static int wholeNumber(String s) {
    try {
      return Math.max(-1, Integer.parseInt(s.trim()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static int usageError(String message) {
    System.err.println("attnsum show: " + message + "\n");
    System.err.print(USAGE);
    return Main.USAGE;
  }
}
