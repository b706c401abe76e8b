package io.attnsum.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a fake run (the job's JSON Lines output contract) from a data set's own sentence split:
 * SciTLDR {@code sentences}, BBC {@code body_sentences}, CNN/DM split after " . ", " ? ", " ! ",
 * Chinese after 。！？. The "system" is LEAD (score 1/(1+index), rank = index + 1), a stand-in
 * that lets the baselines be checked against the data README's numbers.
 *
 * <p>{@code main(dataFile, outDir, maxDocs)} writes {@code outDir/run_id=split}.
 */
public final class DatasetSplitRun {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) throws IOException {
    write(Path.of(args[0]), Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : -1);
  }

  static List<String> split(JsonNode row) {
    List<String> out = new ArrayList<>();
    JsonNode given = row.has("sentences") ? row.get("sentences") : row.get("body_sentences");
    if (given != null && given.isArray()) {
      given.forEach(s -> out.add(s.asText()));
      return out;
    }
    String text = row.get("text").asText();
    String pattern = text.matches("(?s).*[\\u4e00-\\u9fff].*")
        ? "(?<=[。！？])" : "(?<= [.?!]) ";
    for (String s : text.split(pattern)) {
      if (!s.isBlank()) {
        out.add(s.strip());
      }
    }
    return out;
  }

  /** Writes the run and returns its directory. */
  static Path write(Path data, Path outputPath, int maxDocs) throws IOException {
    Path run = outputPath.resolve("run_id=split");
    Files.createDirectories(run.resolve("sentences"));
    Files.createDirectories(run.resolve("summaries"));
    int docs = 0;
    try (BufferedWriter sentences = Files.newBufferedWriter(
            run.resolve("sentences/part-00000-split.json"), StandardCharsets.UTF_8);
        BufferedWriter summaries = Files.newBufferedWriter(
            run.resolve("summaries/part-00000-split.json"), StandardCharsets.UTF_8)) {
      for (String line : Files.readAllLines(data, StandardCharsets.UTF_8)) {
        if (line.isBlank() || (maxDocs >= 0 && docs >= maxDocs)) {
          continue;
        }
        docs++;
        JsonNode row = JSON.readTree(line);
        String id = row.get("id").asText();
        List<String> sents = split(row);
        boolean zh = String.join("", sents).matches("(?s).*[\\u4e00-\\u9fff].*");
        for (int i = 0; i < sents.size(); i++) {
          ObjectNode s = JSON.createObjectNode();
          s.put("doc_id", id).put("index", i).put("text", sents.get(i)).put("start", 0)
              .put("end", 0).put("score", 1.0 / (1 + i)).put("rank", i + 1)
              .put("selected", i < 3).put("known_tokens", 0);
          sentences.write(JSON.writeValueAsString(s));
          sentences.newLine();
        }
        ObjectNode sum = JSON.createObjectNode();
        List<String> lead = sents.subList(0, Math.min(3, sents.size()));
        sum.put("doc_id", id).put("language", zh ? "zh" : "en")
            .put("summary", String.join("\n", lead)).put("sentence_count", lead.size());
        var idx = sum.putArray("sentence_indices");
        for (int i = 0; i < lead.size(); i++) {
          idx.add(i);
        }
        summaries.write(JSON.writeValueAsString(sum));
        summaries.newLine();
      }
    }
    Files.writeString(run.resolve("_manifest.json"),
        "{\"config\": [\"input.path = " + data + "\", \"summary.sentences = 3\"],"
            + " \"stand_in\": \"LEAD over the data set's own sentence split\"}");
    return run;
  }
}
