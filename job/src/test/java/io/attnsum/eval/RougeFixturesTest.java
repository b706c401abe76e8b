package io.attnsum.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reproduces every row of {@code rouge_fixtures.jsonl} (test resources, see {@link EvalFixtures}):
 * precision/recall/F1 that Google's rouge-score (use_stemmer=True, rougeLsum split on newlines)
 * computed, rounded to 6 decimals.
 */
class RougeFixturesTest {

  @Test
  void reproducesAllRougeScoreFixturesWithin1e6() throws IOException {
    Path fixtures = EvalFixtures.path(EvalFixtures.ROUGE);
    ObjectMapper json = new ObjectMapper();
    RougeScorer scorer = new RougeScorer(new EnglishRougeTokenizer(true));
    List<String> mismatches = new ArrayList<>();
    int rows = 0;
    for (String line : Files.readAllLines(fixtures, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      rows++;
      JsonNode row = json.readTree(line);
      RougeScores got =
          scorer.score(row.get("reference").asText(), row.get("prediction").asText());
      for (RougeMetric metric : RougeMetric.values()) {
        JsonNode want = row.get("expected").get(metric.key());
        RougeScore s = got.get(metric);
        check(mismatches, row, metric, "precision", want, s.precision());
        check(mismatches, row, metric, "recall", want, s.recall());
        check(mismatches, row, metric, "f1", want, s.f1());
      }
    }
    assertThat(rows).isEqualTo(312);
    assertThat(mismatches).isEmpty();
  }

  private static void check(
      List<String> out, JsonNode row, RougeMetric m, String field, JsonNode want, double got) {
    double expected = want.get(field).asDouble();
    // Fixtures are rounded to 6 decimals: the unrounded value is within 5e-7 of them.
    if (Math.abs(expected - got) > 1e-6) {
      out.add(row.get("id").asText() + " " + m.key() + "." + field + " want " + expected
          + " got " + got);
    }
  }
}
