package io.attnsum.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attnsum.job.JobSettings;
import io.attnsum.job.RunResult;
import io.attnsum.job.SummarizationJob;
import io.attnsum.testing.LocalSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job, then {@code attnsum eval} on its output: the system's row is ROUGE of the summaries
 * table exactly as written, checked against {@link WrittenSummaries} computed from the table
 * itself. CNN/DM (20 documents, k = 3, Parquet output) also shows that the job's MMR selection
 * is not its top 3 by rank, and that eval does not score the top 3; BBC (12 documents, JSON Lines)
 * gets the reference's sentence count per document through {@code --write-input} and {@code
 * input.summary-sentences-field}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WrittenSummariesEvalIT implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  private transient SparkSession spark;
  private transient Path cnndmGold;
  private transient Path cnndmRun;
  private transient JsonNode cnndmReport;

  @BeforeAll
  void runJobAndEval() throws Exception {
    spark = LocalSpark.get();
    cnndmGold = EvalFixtures.path(EvalFixtures.CNNDM);
    job(cnndmGold, tmp.resolve("cnndm"), "summary.sentences=3");
    cnndmRun = tmp.resolve("cnndm/run_id=e");
    cnndmReport = eval(cnndmGold, cnndmRun, tmp.resolve("cnndm-report"), "--k", "3");
  }

  private RunResult job(Path input, Path output, String... more) throws Exception {
    List<String> sets = new ArrayList<>(List.of("input.path=" + input, "output.path=" + output,
        "run.id=e", "vectors.train.dimensions=50", "vectors.train.epochs=2",
        io.attnsum.testing.TestSettings.sharedEncoderCache()));
    sets.addAll(List.of(more));
    return new SummarizationJob(spark, JobSettings.load(null, sets)).run();
  }

  private static JsonNode eval(Path gold, Path run, Path report, String... more)
      throws IOException {
    List<String> args = new ArrayList<>(List.of("--gold", gold.toString(), "--pred",
        run.toString(), "--out", report.toString(), "--resamples", "20"));
    args.addAll(List.of(more));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    int rc = EvalCommand.run(args.toArray(new String[0]), print, print);
    assertThat(rc).as(out.toString(StandardCharsets.UTF_8)).isZero();
    return JSON.readTree(report.resolve("report.json").toFile());
  }

  private static void assertSystemRowIs(JsonNode report, Map<RougeMetric, Double> expected) {
    for (RougeMetric metric : RougeMetric.values()) {
      assertThat(report.at("/systems/ATTNSUM/" + metric.key() + "/f1/mean").asDouble())
          .as(metric.key()).isEqualTo(expected.get(metric));
    }
  }

  @Test
  void theSystemRowIsRougeOfTheParquetSummariesTableAsWritten() throws IOException {
    Map<String, String> written = new HashMap<>();
    for (Row r : spark.read().parquet(cnndmRun.resolve("summaries").toString())
        .select("doc_id", "summary").collectAsList()) {
      written.put(r.getString(0), r.getString(1));
    }
    assertThat(written).hasSize(20);
    assertSystemRowIs(cnndmReport, WrittenSummaries.meanF1(cnndmGold, written));
    assertThat(cnndmReport.get("system_summaries").asText()).isEqualTo(EvalResult.SYSTEM_SUMMARIES);
    assertThat(cnndmReport.at("/budget_check/documents").asInt()).isEqualTo(20);
    assertThat(cnndmReport.at("/budget_check/mismatched").asInt()).isZero();
  }

  /**
   * The job's MMR selection is not its top 3 by rank for some of these documents; eval scores
   * the selection, so ROUGE of the top 3 by rank (what eval once re-selected) is another number.
   */
  @Test
  void theJobsSelectionIsNotItsTopThreeByRankAndEvalScoresTheSelection() throws IOException {
    Map<String, List<Row>> sentences = new HashMap<>();
    for (Row r : spark.read().parquet(cnndmRun.resolve("sentences").toString())
        .selectExpr("doc_id", "`index`", "text", "rank", "selected").collectAsList()) {
      sentences.computeIfAbsent(r.getString(0), d -> new ArrayList<>()).add(r);
    }
    Map<String, String> topThree = new HashMap<>();
    int differ = 0;
    for (Map.Entry<String, List<Row>> doc : sentences.entrySet()) {
      List<Row> rows = doc.getValue();
      rows.sort(Comparator.comparingInt(r -> r.getInt(3)));
      TreeSet<Integer> top = new TreeSet<>();
      rows.stream().limit(3).forEach(r -> top.add(r.getInt(1)));
      TreeSet<Integer> selected = new TreeSet<>();
      rows.stream().filter(r -> r.getBoolean(4)).forEach(r -> selected.add(r.getInt(1)));
      differ += top.equals(selected) ? 0 : 1;
      rows.sort(Comparator.comparingInt(r -> r.getInt(1)));
      List<String> text = new ArrayList<>();
      rows.stream().filter(r -> top.contains(r.getInt(1))).forEach(r -> text.add(r.getString(2)));
      topThree.put(doc.getKey(), String.join("\n", text));
    }
    assertThat(differ).as("documents whose selection is not the top 3 by rank").isPositive();
    double topThreeR1 = WrittenSummaries.meanF1(cnndmGold, topThree).get(RougeMetric.ROUGE1);
    assertThat(cnndmReport.at("/systems/ATTNSUM/rouge1/f1/mean").asDouble())
        .isNotEqualTo(topThreeR1);
  }

  /**
   * BBC: each document summarized to its reference's sentence count by the job itself, a record
   * without that count rejected (and counted in the books), eval's check finding no summary of
   * another length and its row equal to ROUGE of the JSON Lines summaries table.
   */
  @Test
  void aPerDocumentLengthIsSummarizedByTheJobAndScoredAsWritten() throws Exception {
    Path gold = EvalFixtures.path(EvalFixtures.BBC);
    Path input = tmp.resolve("bbc-input/input.jsonl");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(log, true, StandardCharsets.UTF_8);
    assertThat(EvalCommand.run(new String[] {"--gold", gold.toString(), "--write-input",
        input.toString()}, print, print)).as(log.toString(StandardCharsets.UTF_8)).isZero();
    // One more record, without a length: rejected, not summarized to another length.
    Files.writeString(input, "{\"id\": \"no-length\", \"text\": \"A sentence. And another.\"}\n",
        java.nio.file.StandardOpenOption.APPEND);
    RunResult result = job(input, tmp.resolve("bbc"), "output.format=jsonl",
        "input.summary-sentences-field=" + ReferenceLengthInput.FIELD);
    assertThat(result.inputRecords()).isEqualTo(13);
    assertThat(result.documents()).isEqualTo(12);
    assertThat(result.rejected()).isEqualTo(1);
    Path run = tmp.resolve("bbc/run_id=e");
    JsonNode manifest = JSON.readTree(run.resolve("_manifest.json").toFile());
    assertThat(manifest.at("/rejected_by_reason/MISSING_SUMMARY_SENTENCES").asInt()).isEqualTo(1);

    Map<String, Integer> referenceCount = new HashMap<>();
    for (String line : Files.readAllLines(gold)) {
      JsonNode row = JSON.readTree(line);
      referenceCount.put(row.get("id").asText(), row.get("summary_sentence_idx").size());
    }
    int rows = 0;
    try (Stream<Path> parts = Files.list(run.resolve("summaries"))) {
      for (Path part : parts.filter(f -> f.getFileName().toString().startsWith("part-")).toList()) {
        for (String line : Files.readAllLines(part)) {
          JsonNode row = JSON.readTree(line);
          int k = referenceCount.get(row.get("doc_id").asText());
          assertThat(row.get("sentence_indices").size()).as(row.get("doc_id").asText())
              .isEqualTo(Math.min(k, row.get("sentence_count").asInt()));
          rows++;
        }
      }
    }
    assertThat(rows).isEqualTo(12);

    JsonNode report = eval(gold, run, tmp.resolve("bbc-report"), "--k-from-reference");
    assertSystemRowIs(report, WrittenSummaries.meanF1(gold, WrittenSummaries.fromJsonLines(run)));
    assertThat(report.at("/budget_check/documents").asInt()).isEqualTo(12);
    assertThat(report.at("/budget_check/mismatched").asInt()).isZero();
    assertThat(report.get("baseline_k").asText()).startsWith("k = the reference's sentence count");
  }
}
