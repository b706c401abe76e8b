package io.attnsum.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a gold file's rows with one field added, {@value #FIELD}: the reference's sentence count
 * ({@link KPolicy.FromReference}). With {@code input.summary-sentences-field = }{@value #FIELD}
 * the job then summarizes each document to its reference's length through its own selection, so
 * evaluation scores what the job wrote (BBC, whose references differ in length per document).
 * Rows are otherwise unchanged.
 */
public final class ReferenceLengthInput {
  /** The added field. */
  public static final String FIELD = "summary_sentences";

  private final ObjectMapper json = new ObjectMapper();

  /** Writes {@code out} from {@code gold}; returns the rows written. */
  public int write(Path gold, Path out) throws IOException {
    KPolicy fromReference = new KPolicy.FromReference();
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    int[] rows = {0};
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      new GoldReader().forEachRow(gold, (node, lineNo) -> {
        if (!(node instanceof ObjectNode row)) {
          throw new IOException(gold + ":" + lineNo + ": not a JSON object");
        }
        if (row.has(FIELD)) {
          throw new IOException(gold + ":" + lineNo + ": the row has a field '" + FIELD
              + "' already");
        }
        GoldDocument g = GoldReader.parse(row, gold, lineNo, GoldReader.References.FIRST);
        row.put(FIELD, fromReference.k(g, 0, 0));
        w.write(json.writeValueAsString(row));
        w.newLine();
        rows[0]++;
      });
    }
    return rows[0];
  }
}
