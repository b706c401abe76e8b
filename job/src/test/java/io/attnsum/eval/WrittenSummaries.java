package io.attnsum.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * ROUGE of a run's summaries table computed without the evaluation's code path: the table read
 * directly, each summary text scored against its gold row with {@link RougeScorer} (which
 * reproduces Google's rouge-score, see {@link RougeFixturesTest}).
 */
final class WrittenSummaries {
  private static final ObjectMapper JSON = new ObjectMapper();

  private WrittenSummaries() {}

  /** The summaries table of a JSON Lines run, read from its part files: doc_id to summary. */
  static Map<String, String> fromJsonLines(Path run) throws IOException {
    Map<String, String> out = new HashMap<>();
    try (Stream<Path> parts = Files.list(run.resolve("summaries"))) {
      for (Path part : parts.filter(f -> f.getFileName().toString().startsWith("part-")).toList()) {
        for (String line : Files.readAllLines(part)) {
          JsonNode row = JSON.readTree(line);
          out.put(row.get("doc_id").asText(), row.get("summary").asText());
        }
      }
    }
    return out;
  }

  /**
   * Per metric, the mean F1 over the gold file's rows of the summary written for each against the
   * row's {@code summary} (one reference, English with stemming); a row without a written summary
   * counts 0.
   */
  static Map<RougeMetric, Double> meanF1(Path goldFile, Map<String, String> summaries)
      throws IOException {
    RougeScorer scorer = new RougeScorer(new EnglishRougeTokenizer(true));
    Map<RougeMetric, Double> sums = new EnumMap<>(RougeMetric.class);
    int n = 0;
    for (String line : Files.readAllLines(goldFile)) {
      JsonNode row = JSON.readTree(line);
      String summary = summaries.get(row.get("id").asText());
      RougeScores s = summary == null ? null : scorer.score(row.get("summary").asText(), summary);
      for (RougeMetric metric : RougeMetric.values()) {
        sums.merge(metric, s == null ? 0.0 : s.get(metric).f1(), Double::sum);
      }
      n++;
    }
    int docs = n;
    sums.replaceAll((metric, sum) -> sum / docs);
    return sums;
  }
}
