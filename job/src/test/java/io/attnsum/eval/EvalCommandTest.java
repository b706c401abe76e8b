package io.attnsum.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end over JSON Lines output: 20 CNN/DM documents plus one gold id with no prediction. */
class EvalCommandTest {
  @TempDir static Path dir;
  static Path gold;
  static Path output;

  @BeforeAll
  static void writeRun() throws IOException {
    List<String> rows = new ArrayList<>(Files.readAllLines(EvalFixtures.path(EvalFixtures.CNNDM)));
    Path subset = dir.resolve("subset.jsonl");
    Files.write(subset, rows);
    output = dir.resolve("out");
    DatasetSplitRun.write(subset, output, -1);
    rows.add("{\"id\": \"no-such-doc\", \"summary\": \"a <b>missing</b> document\"}");
    gold = dir.resolve("gold.jsonl");
    Files.write(gold, rows);
  }

  static int run(List<String> out, String... args) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int rc = EvalCommand.run(args, new PrintStream(buf, true, StandardCharsets.UTF_8),
        new PrintStream(buf, true, StandardCharsets.UTF_8));
    out.add(buf.toString(StandardCharsets.UTF_8));
    return rc;
  }

  @Test
  void scoresTheWrittenSummariesAndCountsThoseOfAnotherLength() throws IOException {
    Path report = dir.resolve("report-k2");
    List<String> out = new ArrayList<>();
    int rc = run(out, "--gold", gold.toString(), "--pred", output.toString(), "--out",
        report.toString(), "--k", "2", "--resamples", "200");
    assertThat(rc).as(out.get(0)).isZero();
    JsonNode json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
    assertThat(json.get("documents").asInt()).isEqualTo(21);
    assertThat(json.get("missing_predictions").asInt()).isEqualTo(1);
    assertThat(json.get("config").toString()).contains("summary.sentences = 3");
    assertThat(json.get("system_order").toString())
        .isEqualTo("[\"LEAD\",\"RANDOM\",\"TEXTRANK\",\"CENTROID\",\"ATTNSUM\",\"ORACLE\"]");
    assertThat(json.get("system_summaries").asText()).isEqualTo(EvalResult.SYSTEM_SUMMARIES);
    assertThat(json.get("baseline_k").asText()).startsWith("k = 2");

    // The system's row: the summaries table as written (the stand-in's first three sentences),
    // not a re-selection of two; the missing document counts as 0.
    Map<RougeMetric, Double> written = WrittenSummaries.meanF1(gold,
        WrittenSummaries.fromJsonLines(output.resolve("run_id=split")));
    for (RougeMetric metric : RougeMetric.values()) {
      assertThat(json.at("/systems/ATTNSUM/" + metric.key() + "/f1/mean").asDouble())
          .as(metric.key()).isEqualTo(written.get(metric));
    }
    JsonNode r1 = json.at("/systems/ATTNSUM/rouge1/f1");
    assertThat(r1.get("documents").asInt()).isEqualTo(21);
    assertThat(r1.get("ci95").get(0).asDouble()).isLessThan(r1.get("mean").asDouble());

    // LEAD gets k = 2: the first two split sentences.
    RougeScorer scorer = new RougeScorer(new EnglishRougeTokenizer(true));
    ObjectMapper m = new ObjectMapper();
    double lead2 = 0;
    int longerThanTwo = 0;
    for (String line : Files.readAllLines(gold)) {
      JsonNode row = m.readTree(line);
      if (!row.has("text")) {
        continue;
      }
      List<String> sents = DatasetSplitRun.split(row);
      lead2 += scorer.score(row.get("summary").asText(),
          String.join("\n", sents.subList(0, Math.min(2, sents.size())))).rouge1().f1();
      longerThanTwo += sents.size() > 2 ? 1 : 0;
    }
    assertThat(json.at("/systems/LEAD/rouge1/f1/mean").asDouble())
        .isCloseTo(lead2 / 21, within(1e-12));
    assertThat(json.at("/systems/ORACLE/rouge1/f1/mean").asDouble())
        .isGreaterThan(lead2 / 21);

    // The budget check: every written summary of a document longer than two sentences has
    // three, not min(2, sentences).
    assertThat(longerThanTwo).isPositive();
    assertThat(json.at("/budget_check/documents").asInt()).isEqualTo(20);
    assertThat(json.at("/budget_check/mismatched").asInt()).isEqualTo(longerThanTwo);
    assertThat(json.at("/budget_check/first_mismatched").size())
        .isEqualTo(Math.min(10, longerThanTwo));
    assertThat(out.get(0)).contains("WARNING: " + longerThanTwo + " of 20 written summaries");

    String html = Files.readString(report.resolve("report.html"));
    assertThat(html).contains(ReportHtmlWriter.esc(EvalResult.SYSTEM_SUMMARIES))
        .contains("budget check: " + longerThanTwo + " of 20");
    assertThat(html.split("<tr class=\"system-row", -1)).hasSize(7);
    // Self-contained: nothing fetched (the SVG namespace URI is an identifier, not a fetch).
    assertThat(html.contains("<link")).isFalse();
    assertThat(html.matches("(?s).*(src|href)\\s*=\\s*\"?(https?:)?//.*")).isFalse();
    assertThat(out.get(0)).contains("ATTNSUM").contains("missing predictions: 1")
        .contains("ATTNSUM: " + EvalResult.SYSTEM_SUMMARIES);
  }

  /**
   * A run whose selection is not its top k by rank (as the job's MMR or trigram blocking picks):
   * the stand-in keeps its first three sentences selected but ranks the last sentence first.
   * Evaluation scores the selection, so ATTNSUM equals LEAD-3, and the check finds no mismatch.
   */
  @Test
  void aSelectionThatIsNotTheTopKByRankIsScoredAsSelected() throws IOException {
    Path reversed = dir.resolve("reversed");
    Path run = DatasetSplitRun.write(dir.resolve("subset.jsonl"), reversed, -1);
    Path part;
    try (Stream<Path> parts = Files.list(run.resolve("sentences"))) {
      part = parts.filter(f -> f.getFileName().toString().startsWith("part-")).findFirst()
          .orElseThrow();
    }
    ObjectMapper m = new ObjectMapper();
    List<JsonNode> rows = new ArrayList<>();
    Map<String, Integer> sentences = new HashMap<>();
    for (String line : Files.readAllLines(part)) {
      JsonNode row = m.readTree(line);
      rows.add(row);
      sentences.merge(row.get("doc_id").asText(), 1, Integer::sum);
    }
    List<String> rewritten = new ArrayList<>();
    for (JsonNode row : rows) {
      int n = sentences.get(row.get("doc_id").asText());
      ((com.fasterxml.jackson.databind.node.ObjectNode) row)
          .put("rank", n - row.get("index").asInt())
          .put("score", 1.0 + row.get("index").asInt());
      rewritten.add(m.writeValueAsString(row));
    }
    Files.write(part, rewritten);

    Path report = dir.resolve("report-reversed");
    List<String> out = new ArrayList<>();
    assertThat(run(out, "--gold", gold.toString(), "--pred", reversed.toString(), "--out",
        report.toString(), "--k", "3", "--baselines", "lead", "--resamples", "20"))
        .as(out.get(0)).isZero();
    JsonNode json = m.readTree(report.resolve("report.json").toFile());
    for (RougeMetric metric : RougeMetric.values()) {
      assertThat(json.at("/systems/ATTNSUM/" + metric.key() + "/f1/mean").asDouble())
          .as(metric.key())
          .isEqualTo(json.at("/systems/LEAD/" + metric.key() + "/f1/mean").asDouble());
    }
    assertThat(json.at("/budget_check/mismatched").asInt()).isZero();
    assertThat(out.get(0)).doesNotContain("WARNING");
  }

  @Test
  void picksTheLastRunIdAndGivesBaselinesTheJobsCountByDefault() throws IOException {
    Path twoRuns = dir.resolve("two-runs");
    DatasetSplitRun.write(dir.resolve("subset.jsonl"), twoRuns, 3);
    Files.move(twoRuns.resolve("run_id=split"), twoRuns.resolve("run_id=a-old"));
    DatasetSplitRun.write(dir.resolve("subset.jsonl"), twoRuns, -1);
    assertThat(PredictionReader.resolveRunDirectory(twoRuns).getFileName().toString())
        .isEqualTo("run_id=split");
    Path report = dir.resolve("report-default");
    List<String> out = new ArrayList<>();
    assertThat(run(out, "--gold", gold.toString(), "--pred", twoRuns.toString(), "--out",
        report.toString(), "--baselines", "lead", "--resamples", "50")).isZero();
    JsonNode json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
    assertThat(json.get("baseline_k").asText()).startsWith("k = the sentence count of the job's");
    assertThat(json.at("/budget_check/against").asText()).startsWith("nothing");
    assertThat(json.at("/budget_check/documents").asInt()).isZero();
    // The job's summaries are the first 3 sentences, LEAD gets the job's count: equal scores.
    assertThat(json.at("/systems/ATTNSUM/rougeL/f1/mean").asDouble())
        .isCloseTo(json.at("/systems/LEAD/rougeL/f1/mean").asDouble(), within(1e-12));
  }

  /** --write-input: the gold rows unchanged but for the reference's sentence count. */
  @Test
  void writesTheJobsInputWithEachReferencesSentenceCount() throws IOException {
    Path bbc = EvalFixtures.path(EvalFixtures.BBC);
    Path input = dir.resolve("budget/input.jsonl");
    List<String> out = new ArrayList<>();
    assertThat(run(out, "--gold", bbc.toString(), "--write-input", input.toString()))
        .as(out.get(0)).isZero();
    ObjectMapper m = new ObjectMapper();
    List<String> source = Files.readAllLines(bbc);
    List<String> written = Files.readAllLines(input);
    assertThat(written).hasSameSizeAs(source).hasSize(12);
    for (int i = 0; i < source.size(); i++) {
      JsonNode before = m.readTree(source.get(i));
      com.fasterxml.jackson.databind.node.ObjectNode after =
          (com.fasterxml.jackson.databind.node.ObjectNode) m.readTree(written.get(i));
      assertThat(after.get(ReferenceLengthInput.FIELD).asInt())
          .isEqualTo(before.get("summary_sentence_idx").size()).isPositive();
      after.remove(ReferenceLengthInput.FIELD);
      assertThat(after).isEqualTo(before);
    }
    // CNN/DM states the count as its highlights.
    Path cnndm = dir.resolve("budget/cnndm.jsonl");
    assertThat(run(out, "--gold", EvalFixtures.path(EvalFixtures.CNNDM).toString(),
        "--write-input", cnndm.toString())).isZero();
    JsonNode first = m.readTree(Files.readAllLines(cnndm).get(0));
    assertThat(first.get(ReferenceLengthInput.FIELD).asInt())
        .isEqualTo(first.get("highlights").size());
    // It writes the job's input only: no run, no report.
    assertThat(run(out, "--gold", bbc.toString(), "--write-input", input.toString(), "--out",
        "x")).isEqualTo(2);
    assertThat(out.get(out.size() - 1)).contains("--write-input takes --gold only");
  }

  @Test
  void badUsageExitsWith2() {
    List<String> out = new ArrayList<>();
    assertThat(run(out, "--gold", gold.toString())).isEqualTo(2);
    assertThat(run(out, "--gold", gold.toString(), "--pred", "x", "--out", "y", "--k", "2",
        "--k-from-reference")).isEqualTo(2);
    assertThat(run(out, "--gold", gold.toString(), "--pred", "x", "--out", "y", "--baselines",
        "lead,best")).isEqualTo(2);
    assertThat(out.get(2)).contains("unknown baseline 'best'");
  }

  @Test
  void escapesHtml() {
    assertThat(ReportHtmlWriter.esc("<b a=\"1\">'x' & y</b>"))
        .isEqualTo("&lt;b a=&quot;1&quot;&gt;&#39;x&#39; &amp; y&lt;/b&gt;");
  }
}
