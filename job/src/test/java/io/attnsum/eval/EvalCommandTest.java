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
import java.util.List;
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
  void writesReportsWhoseSystemScoreMatchesAnIndependentComputation() throws IOException {
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

    // Independently: the stand-in system ranks by index, so --k 2 means the first two split
    // sentences; the missing document counts as 0.
    RougeScorer scorer = new RougeScorer(new EnglishRougeTokenizer(true));
    ObjectMapper m = new ObjectMapper();
    double sum = 0;
    for (String line : Files.readAllLines(gold)) {
      JsonNode row = m.readTree(line);
      if (!row.has("text")) {
        continue;
      }
      List<String> sents = DatasetSplitRun.split(row);
      String summary = String.join("\n", sents.subList(0, Math.min(2, sents.size())));
      sum += scorer.score(row.get("summary").asText(), summary).rouge1().f1();
    }
    JsonNode r1 = json.at("/systems/ATTNSUM/rouge1/f1");
    assertThat(r1.get("mean").asDouble()).isCloseTo(sum / 21, within(1e-12));
    assertThat(r1.get("documents").asInt()).isEqualTo(21);
    assertThat(r1.get("ci95").get(0).asDouble()).isLessThan(r1.get("mean").asDouble());
    assertThat(json.at("/systems/LEAD/rouge1/f1/mean").asDouble())
        .isCloseTo(sum / 21, within(1e-12));
    assertThat(json.at("/systems/ORACLE/rouge1/f1/mean").asDouble())
        .isGreaterThan(sum / 21);

    String html = Files.readString(report.resolve("report.html"));
    assertThat(html.split("<tr class=\"system-row", -1)).hasSize(7);
    // Self-contained: nothing fetched (the SVG namespace URI is an identifier, not a fetch).
    assertThat(html.contains("<link")).isFalse();
    assertThat(html.matches("(?s).*(src|href)\\s*=\\s*\"?(https?:)?//.*")).isFalse();
    assertThat(out.get(0)).contains("ATTNSUM").contains("missing predictions: 1");
  }

  @Test
  void picksTheLastRunIdAndReportsTheJobsOwnSummariesByDefault() throws IOException {
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
    assertThat(json.get("k_policy").asText()).startsWith("as predicted");
    // The job's summaries are the first 3 sentences, LEAD gets the job's count: equal scores.
    assertThat(json.at("/systems/ATTNSUM/rougeL/f1/mean").asDouble())
        .isCloseTo(json.at("/systems/LEAD/rougeL/f1/mean").asDouble(), within(1e-12));
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
