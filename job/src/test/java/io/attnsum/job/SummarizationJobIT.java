package io.attnsum.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attnsum.testing.LocalSpark;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The whole job in local[2] on the bundled sample corpus (40 BBC News articles). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SummarizationJobIT implements Serializable {
  private static final long serialVersionUID = 1L;
  static final Path SAMPLE = Path.of("src/test/resources/sample/news.jsonl").toAbsolutePath();

  private transient SparkSession spark;
  @TempDir static Path tmp;
  private transient Path first;
  private transient RunResult firstResult;

  @BeforeAll
  void runOnce() throws Exception {
    spark = LocalSpark.get();
    first = tmp.resolve("out1");
    firstResult = run(first, "a", "output.format=jsonl");
  }

  private RunResult run(Path out, String runId, String... more) throws Exception {
    List<String> sets = new ArrayList<>(List.of(
        "input.path=" + SAMPLE, "output.path=" + out, "run.id=" + runId, "summary.sentences=3",
        "vectors.train.dimensions=50", "vectors.train.epochs=2",
        // The embeddings get a share of the graph, so that the attention stage runs and is timed.
        "rank.embedding-weight=0.15",
        io.attnsum.testing.TestSettings.sharedEncoderCache()));
    sets.addAll(List.of(more));
    return new SummarizationJob(spark, JobSettings.load(null, sets)).run();
  }

  @Test
  void everyDocumentIsSummarizedAndTheBooksBalance() throws Exception {
    long inputLines;
    try (Stream<String> lines = Files.lines(SAMPLE)) {
      inputLines = lines.count();
    }
    assertThat(firstResult.inputRecords()).isEqualTo(inputLines);
    assertThat(firstResult.documents() + firstResult.rejected()).isEqualTo(inputLines);
    Path runDir = first.resolve("run_id=a");
    assertThat(runDir.resolve("_SUCCESS")).exists();
    JsonNode manifest = new ObjectMapper().readTree(runDir.resolve("_manifest.json").toFile());
    assertThat(manifest.get("input_documents").asLong()).isEqualTo(inputLines);
    assertThat(manifest.get("output_documents").asLong() + manifest.get("rejected_documents").asLong())
        .isEqualTo(inputLines);
    assertThat(manifest.get("stages").fieldNames()).toIterable()
        .containsExactly("read", "text", "encode", "summarize", "write");
    // Attention and rank are timed inside the fused tasks: both ran, and their task-seconds fit
    // in the summarize stage's wall time on the local cores.
    JsonNode summarize = manifest.get("stages").get("summarize");
    double attentionTask = summarize.get("attention_task_seconds").asDouble();
    double rankTask = summarize.get("rank_task_seconds").asDouble();
    assertThat(attentionTask).isPositive();
    assertThat(rankTask).isPositive();
    assertThat(attentionTask + rankTask).isLessThanOrEqualTo(
        summarize.get("seconds").asDouble() * spark.sparkContext().defaultParallelism() + 0.002);
    // The tests' JVM has the Vector API module, so every task ran the Java kernel under auto.
    assertThat(summarize.get("attention_kernel").asText()).isEqualTo("java-vector");
    assertThat(manifest.get("versions").get("spark").asText()).startsWith("4.");

    Set<String> inputIds = new HashSet<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(SAMPLE)) {
      inputIds.add(json.readTree(line).get("id").asText());
    }
    Dataset<Row> summaries = spark.read().json(runDir.resolve("summaries").toString());
    Dataset<Row> rejected = spark.read().schema(io.attnsum.write.OutputTables.REJECTED).json(runDir.resolve("rejected").toString());
    Set<String> seen = new HashSet<>();
    for (Row r : summaries.collectAsList()) {
      seen.add(r.getAs("doc_id"));
    }
    for (Row r : rejected.collectAsList()) {
      seen.add(r.getAs("id"));
    }
    assertThat(seen).isEqualTo(inputIds);
  }

  @Test
  void summariesHaveMinKAndSentenceCountAndScoresAreFinite() {
    Path runDir = first.resolve("run_id=a");
    Dataset<Row> summaries = spark.read().json(runDir.resolve("summaries").toString());
    for (Row r : summaries.collectAsList()) {
      long count = r.<Long>getAs("sentence_count");
      List<Long> idx = r.getList(r.fieldIndex("sentence_indices"));
      assertThat(idx).hasSize((int) Math.min(3, count));
      assertThat(idx).isSorted();
      String summary = r.getAs("summary");
      assertThat(summary.split("\n")).hasSize(idx.size());
    }
    Dataset<Row> sentences = spark.read().json(runDir.resolve("sentences").toString());
    List<Row> rows = sentences.collectAsList();
    assertThat(rows).isNotEmpty();
    for (Row r : rows) {
      double score = r.<Double>getAs("score");
      assertThat(Double.isFinite(score)).as("score of %s", r).isTrue();
    }
    long selected = rows.stream().filter(r -> r.<Boolean>getAs("selected")).count();
    long expected = summaries.collectAsList().stream()
        .mapToLong(r -> r.getList(r.fieldIndex("sentence_indices")).size()).sum();
    assertThat(selected).isEqualTo(expected);
  }

  @Test
  void sentenceOffsetsPointIntoTheSourceText() throws Exception {
    ObjectMapper json = new ObjectMapper();
    java.util.Map<String, String> texts = new java.util.HashMap<>();
    for (String line : Files.readAllLines(SAMPLE)) {
      JsonNode n = json.readTree(line);
      texts.put(n.get("id").asText(), n.get("text").asText());
    }
    Dataset<Row> sentences = spark.read().json(first.resolve("run_id=a/sentences").toString());
    for (Row r : sentences.collectAsList()) {
      String text = texts.get(r.<String>getAs("doc_id"));
      int start = (int) (long) r.<Long>getAs("start");
      int end = (int) (long) r.<Long>getAs("end");
      assertThat(text.substring(start, end)).isEqualTo(r.<String>getAs("text"));
    }
  }

  @Test
  void twoRunsGiveIdenticalTables() throws Exception {
    Path second = tmp.resolve("out2");
    run(second, "a", "output.format=jsonl");
    for (String table : List.of("sentences", "summaries", "rejected")) {
      assertThat(concatParts(second.resolve("run_id=a").resolve(table)))
          .as(table)
          .isEqualTo(concatParts(first.resolve("run_id=a").resolve(table)));
    }
  }

  @Test
  void parquetOutputHasTheDocumentedSchema() throws Exception {
    Path out = tmp.resolve("parquet");
    run(out, "p", "output.format=parquet");
    Dataset<Row> sentences = spark.read().parquet(out.resolve("run_id=p/sentences").toString());
    assertThat(sentences.schema().fieldNames())
        .containsExactly("doc_id", "index", "text", "start", "end", "score", "rank", "selected", "known_tokens");
    Dataset<Row> summaries = spark.read().parquet(out.resolve("run_id=p/summaries").toString());
    assertThat(summaries.schema().fieldNames())
        .containsExactly("doc_id", "language", "summary", "sentence_indices", "sentence_count", "source_sentence_count");
    assertThat(summaries.count()).isEqualTo(firstResult.documents());
  }

  static String concatParts(Path dir) throws Exception {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> parts = Files.list(dir)) {
      for (Path p : parts.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
        all.append(Files.readString(p));
      }
    }
    return all.toString();
  }
}
