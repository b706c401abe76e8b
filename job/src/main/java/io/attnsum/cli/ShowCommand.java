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
  private ShowCommand() {}

  static int run(String[] args) {
    if (args.length == 0) {
      System.err.println("usage: attnsum show RUN_DIR [--limit N]");
      return Main.USAGE;
    }
    Path dir = Path.of(args[0]).resolve("summaries");
    int limit = 3;
    if (args.length >= 3 && args[1].equals("--limit")) {
      limit = Integer.parseInt(args[2]);
    }
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
}
