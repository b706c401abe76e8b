package io.attnsum.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a run's {@code sentences} and {@code summaries} tables (local filesystem) back for
 * evaluation. JSON Lines part files are parsed with Jackson, no Spark needed; Parquet part files
 * are read through {@link ParquetPredictionLoader} (local Spark). Everything is collected to the
 * driver: fine for dev sets of thousands of documents, not meant for a full corpus.
 */
public final class PredictionReader {
  private static final Logger LOG = LoggerFactory.getLogger(PredictionReader.class);
  private final ObjectMapper json = new ObjectMapper();

  /**
   * The run directory for {@code --pred}: the path itself if it holds a {@code sentences} table,
   * else its single (or lexicographically last) {@code run_id=*} subdirectory.
   */
  public static Path resolveRunDirectory(Path pred) throws IOException {
    if (!Files.isDirectory(pred)) {
      throw new IOException("--pred " + pred + " is not a directory");
    }
    if (Files.isDirectory(pred.resolve("sentences"))) {
      return pred;
    }
    List<Path> runs;
    try (Stream<Path> s = Files.list(pred)) {
      runs =
          s.filter(p -> Files.isDirectory(p) && p.getFileName().toString().startsWith("run_id="))
              .sorted(Comparator.comparing(p -> p.getFileName().toString()))
              .toList();
    }
    if (runs.isEmpty()) {
      throw new IOException(
          "--pred " + pred + " holds neither a 'sentences' table nor any run_id=* directory");
    }
    Path chosen = runs.get(runs.size() - 1);
    if (runs.size() > 1) {
      LOG.warn("{} runs under {}; evaluating the lexicographically last: {}", runs.size(), pred,
          chosen.getFileName());
    }
    if (!Files.isDirectory(chosen.resolve("sentences"))) {
      throw new IOException(chosen + " has no 'sentences' table");
    }
    return chosen;
  }

  /** {@code parquet} or {@code json}, from the part files of the sentences table. */
  static String detectFormat(Path table) throws IOException {
    try (Stream<Path> s = Files.list(table)) {
      List<String> names = s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("part-")).toList();
      if (names.stream().anyMatch(n -> n.contains(".parquet"))) {
        return "parquet";
      }
      if (names.stream().anyMatch(n -> n.contains(".json"))) {
        return "json";
      }
      throw new IOException(table + ": no part-*.parquet or part-*.json files");
    }
  }

  public PredictionRun read(Path pred) throws IOException {
    Path run = resolveRunDirectory(pred);
    String format = detectFormat(run.resolve("sentences"));
    JsonNode manifest = null;
    Path manifestFile = run.resolve("_manifest.json");
    if (Files.isRegularFile(manifestFile)) {
      manifest = json.readTree(manifestFile.toFile());
    } else {
      LOG.warn("{} has no _manifest.json; the report will carry no run config", run);
    }
    Map<String, PredictedDocument> docs =
        format.equals("parquet")
            ? ParquetPredictionLoader.load(run)
            : readJson(run);
    LOG.info("Read {} predicted documents ({}) from {}", docs.size(), format, run);
    return new PredictionRun(run, format, manifest, docs);
  }

  private Map<String, PredictedDocument> readJson(Path run) throws IOException {
    Map<String, List<PredictedSentence>> sentences = new LinkedHashMap<>();
    for (JsonNode row : rows(run.resolve("sentences"))) {
      String doc = row.get("doc_id").asText();
      sentences.computeIfAbsent(doc, d -> new ArrayList<>())
          .add(new PredictedSentence(
              row.get("index").asInt(),
              row.path("text").asText(""),
              row.path("score").asDouble(0),
              row.hasNonNull("rank") ? row.get("rank").asInt() : Integer.MAX_VALUE,
              row.path("selected").asBoolean(false)));
    }
    Map<String, String[]> summaries = new HashMap<>();
    Path summaryTable = run.resolve("summaries");
    if (Files.isDirectory(summaryTable)) {
      for (JsonNode row : rows(summaryTable)) {
        summaries.put(row.get("doc_id").asText(), new String[] {
            row.hasNonNull("language") ? row.get("language").asText() : null,
            row.hasNonNull("summary") ? row.get("summary").asText() : null});
      }
    }
    return assemble(sentences, summaries);
  }

  /** Groups rows into documents, sentences sorted by index. */
  static Map<String, PredictedDocument> assemble(
      Map<String, List<PredictedSentence>> sentences, Map<String, String[]> summaries) {
    Map<String, PredictedDocument> docs = new LinkedHashMap<>();
    for (Map.Entry<String, List<PredictedSentence>> e : sentences.entrySet()) {
      List<PredictedSentence> list = new ArrayList<>(e.getValue());
      list.sort(Comparator.comparingInt(PredictedSentence::index));
      String[] s = summaries.getOrDefault(e.getKey(), new String[2]);
      docs.put(e.getKey(), new PredictedDocument(e.getKey(), s[0], s[1], List.copyOf(list)));
    }
    // A summary row without sentences (an empty document) still counts as predicted.
    for (Map.Entry<String, String[]> e : summaries.entrySet()) {
      docs.computeIfAbsent(e.getKey(),
          id -> new PredictedDocument(id, e.getValue()[0], e.getValue()[1], List.of()));
    }
    return docs;
  }

  private List<JsonNode> rows(Path table) throws IOException {
    List<Path> parts;
    try (Stream<Path> s = Files.list(table)) {
      parts = s.filter(p -> {
        String n = p.getFileName().toString();
        return n.startsWith("part-") && n.contains(".json");
      }).sorted().toList();
    }
    List<JsonNode> rows = new ArrayList<>();
    for (Path part : parts) {
      try (BufferedReader in = Files.newBufferedReader(part, StandardCharsets.UTF_8)) {
        String line;
        while ((line = in.readLine()) != null) {
          if (!line.isBlank()) {
            rows.add(json.readTree(line));
          }
        }
      }
    }
    return rows;
  }
}
