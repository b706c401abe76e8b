package io.attnsum.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads gold JSON Lines: {@code id} and {@code summary}; optional {@code summaries} (several
 * references, used instead of {@code summary}), {@code summary_sentence_idx} (BBC) or {@code
 * highlights} (CNN/DM) giving the reference's sentence count.
 */
public final class GoldReader {
  private final ObjectMapper json = new ObjectMapper();

  /** Which references to score against when a row lists several. */
  public enum References {
    ALL,
    FIRST
  }

  public List<GoldDocument> read(Path file, References which) throws IOException {
    List<GoldDocument> out = new ArrayList<>();
    forEachRow(file, (row, lineNo) -> out.add(parse(row, file, lineNo, which)));
    return out;
  }

  /** What to do with one parsed row of a gold file. */
  @FunctionalInterface
  interface RowVisitor {
    void visit(JsonNode row, int lineNo) throws IOException;
  }

  /** Parses each non-blank line of {@code file}; a line that is not JSON fails naming it. */
  void forEachRow(Path file, RowVisitor visitor) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode row;
        try {
          row = json.readTree(line);
        } catch (IOException e) {
          throw new IOException(file + ":" + lineNo + ": not a JSON object: " + e.getMessage(), e);
        }
        visitor.visit(row, lineNo);
      }
    }
  }

  static GoldDocument parse(JsonNode row, Path file, int lineNo, References which)
      throws IOException {
    JsonNode id = row.get("id");
    if (id == null || id.isNull()) {
      throw new IOException(file + ":" + lineNo + ": gold row has no 'id'");
    }
    List<String> refs = new ArrayList<>();
    JsonNode many = row.get("summaries");
    if (many != null && many.isArray() && !many.isEmpty()) {
      for (JsonNode s : many) {
        refs.add(s.asText());
      }
    } else if (row.hasNonNull("summary")) {
      refs.add(row.get("summary").asText());
    } else {
      throw new IOException(
          file + ":" + lineNo + ": gold row '" + id.asText() + "' has no 'summary' or 'summaries'");
    }
    if (which == References.FIRST) {
      refs = List.of(refs.get(0));
    }
    int count = -1;
    if (row.has("summary_sentence_idx") && row.get("summary_sentence_idx").isArray()) {
      count = row.get("summary_sentence_idx").size();
    } else if (row.has("highlights") && row.get("highlights").isArray()) {
      count = row.get("highlights").size();
    }
    return new GoldDocument(id.asText(), List.copyOf(refs), count);
  }
}
