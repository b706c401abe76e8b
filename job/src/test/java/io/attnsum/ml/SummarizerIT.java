package io.attnsum.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.attnsum.job.JobSettings;
import io.attnsum.job.SummarizationJob;
import io.attnsum.testing.LocalSpark;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark ML stage against the batch job: the sample corpus (40 BBC News articles) and a few
 * bad rows, summarised by both with the same settings, must get the same summaries, scores and
 * rejection reasons; and the stage must survive persistence and a Pipeline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SummarizerIT implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Path SAMPLE = Path.of("src/test/resources/sample/news.jsonl").toAbsolutePath();
  /**
   * Static packs are distilled once per build into the ITs' shared encoder cache (failsafe's
   * {@code attnsum.encoder.cache}), which the PySpark tests use too.
   */
  private static final String ENCODER_CACHE =
      Path.of(System.getProperty("attnsum.encoder.cache", "target/encoder-cache"))
          .toAbsolutePath().toString();
  private static final StructType INPUT = DataTypes.createStructType(List.of(
      DataTypes.createStructField("id", DataTypes.StringType, false),
      DataTypes.createStructField("text", DataTypes.StringType, true)));

  private transient SparkSession spark;
  @TempDir static Path tmp;
  private transient List<Row> input;
  private transient Dataset<Row> frame;
  private transient Map<String, Row> byId;
  private transient List<Row> transformed;

  @BeforeAll
  void summarizeOnce() throws Exception {
    spark = LocalSpark.get();
    input = inputRows();
    frame = spark.createDataFrame(input, INPUT);
    transformed = summarizer().transform(frame).collectAsList();
    byId = new HashMap<>();
    for (Row r : transformed) {
      byId.put(r.getAs("id"), r);
    }
  }

  private Summarizer summarizer() {
    return new Summarizer().setIdCol("id").setEncoderCachePath(ENCODER_CACHE)
        .setWorkDir(tmp.resolve("work").toUri().toString());
  }

  /** The sample corpus, then rows the job rejects or summarises whatever they hold. */
  private static List<Row> inputRows() throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<Row> rows = new ArrayList<>();
    for (String line : Files.readAllLines(SAMPLE)) {
      JsonNode n = json.readTree(line);
      rows.add(RowFactory.create(n.get("id").asText(), n.get("text").asText()));
    }
    rows.add(RowFactory.create("bad-null", null));
    rows.add(RowFactory.create("bad-empty", " \n\t\u200b "));
    rows.add(RowFactory.create("bad-large", "All work and no play. ".repeat(5 * 1024 * 1024 / 22 + 1)));
    rows.add(RowFactory.create("punctuation", "... --- !!! ??? ***"));
    rows.add(RowFactory.create("garbage", garbage(new Random(7), 3000)));
    return rows;
  }

  /** Control characters, replacement characters and symbols: what binary data read as text is. */
  private static String garbage(Random random, int n) {
    StringBuilder s = new StringBuilder();
    String symbols = "\u0000\u0001\u0007\u001b\ufffd\ufffd#$%^&*~|\\<>{}[]";
    for (int i = 0; i < n; i++) {
      s.append(symbols.charAt(random.nextInt(symbols.length())));
    }
    return s.toString();
  }

  @Test
  void everyRowComesOutInItsPlaceWithTheFourColumns() {
    assertThat(transformed).hasSize(input.size());
    for (int i = 0; i < input.size(); i++) {
      assertThat(transformed.get(i).<String>getAs("id")).isEqualTo(input.get(i).getString(0));
      assertThat(transformed.get(i).<String>getAs("text")).isEqualTo(input.get(i).getString(1));
    }
    StructType schema = summarizer().transformSchema(INPUT);
    assertThat(schema.fieldNames())
        .containsExactly("id", "text", "summary", "summarySentences", "sentences", "error");
    assertThat(((org.apache.spark.sql.types.StructType)
            ((org.apache.spark.sql.types.ArrayType) schema.apply("sentences").dataType())
                .elementType()).fieldNames())
        .containsExactly("index", "text", "start", "end", "score", "rank", "selected",
            "known_tokens");
  }

  @Test
  void summariesScoresAndReasonsAreTheBatchJobsOnTheSameDocuments() throws Exception {
    Path corpus = tmp.resolve("corpus.jsonl");
    ObjectMapper json = new ObjectMapper();
    List<String> lines = new ArrayList<>();
    for (Row r : input) {
      ObjectNode n = json.createObjectNode().put("id", r.getString(0)).put("text", r.getString(1));
      lines.add(json.writeValueAsString(n));
    }
    Files.write(corpus, lines, StandardCharsets.UTF_8);
    Path out = tmp.resolve("job");
    new SummarizationJob(spark, JobSettings.load(null, List.of("input.path=" + corpus,
        "output.path=" + out, "run.id=ml", "encoder.cache-path=" + ENCODER_CACHE))).run();
    Path run = out.resolve("run_id=ml");

    Map<String, String> reasons = new HashMap<>();
    for (Row r : spark.read().parquet(run.resolve("rejected").toString()).collectAsList()) {
      reasons.put(r.getAs("id"), r.getAs("reason"));
    }
    assertThat(reasons).containsEntry("bad-null", "MISSING_TEXT")
        .containsEntry("bad-empty", "EMPTY_TEXT").containsEntry("bad-large", "TOO_LARGE");
    reasons.forEach((id, reason) -> {
      Row t = byId.get(id);
      assertThat(t.<String>getAs("error")).as(id).isEqualTo(reason);
      for (String column : List.of("summary", "summarySentences", "sentences")) {
        assertThat(t.isNullAt(t.fieldIndex(column))).as("%s of %s", column, id).isTrue();
      }
    });
    List<Row> summaries = spark.read().parquet(run.resolve("summaries").toString()).collectAsList();
    assertThat(summaries).hasSize(input.size() - reasons.size());
    for (Row s : summaries) {
      Row t = byId.get(s.<String>getAs("doc_id"));
      assertThat(t.<String>getAs("error")).isNull();
      assertThat(t.<String>getAs("summary")).isEqualTo(s.getAs("summary"));
      assertThat(t.getList(t.fieldIndex("summarySentences")))
          .isEqualTo(s.getList(s.fieldIndex("sentence_indices")));
    }
    List<Row> sentences = spark.read().parquet(run.resolve("sentences").toString()).collectAsList();
    for (Row s : sentences) {
      Row t = byId.get(s.<String>getAs("doc_id"));
      Row sentence = t.<Row>getList(t.fieldIndex("sentences")).get(s.<Integer>getAs("index"));
      for (String column : List.of("index", "text", "start", "end", "score", "rank", "selected",
          "known_tokens")) {
        assertThat((Object) sentence.getAs(column)).as("%s of %s", column, s)
            .isEqualTo(s.getAs(column));
      }
    }
  }

  @Test
  void aBinaryTextColumnIsDecodedAsStrictUtf8() {
    StructType schema = DataTypes.createStructType(List.of(
        DataTypes.createStructField("body", DataTypes.BinaryType, true)));
    byte[] garbage = new byte[4096];
    new Random(11).nextBytes(garbage);
    garbage[0] = (byte) 0xff; // never in UTF-8
    List<Row> rows = List.of(
        RowFactory.create((Object) input.get(0).getString(1).getBytes(StandardCharsets.UTF_8)),
        RowFactory.create((Object) garbage),
        RowFactory.create((Object) null));
    List<Row> out = new Summarizer().setTextCol("body").setEncoderCachePath(ENCODER_CACHE)
        .setWorkDir(tmp.resolve("work").toUri().toString())
        .transform(spark.createDataFrame(rows, schema)).collectAsList();
    assertThat(out).hasSize(3);
    assertThat(out.get(0).<String>getAs("error")).isNull();
    assertThat(out.get(0).<String>getAs("summary")).isNotEmpty();
    assertThat(out.get(1).<String>getAs("error")).isEqualTo("INVALID_UTF8");
    assertThat(out.get(2).<String>getAs("error")).isEqualTo("MISSING_TEXT");
  }

  @Test
  void savedAndLoadedItIsTheSameStage() throws Exception {
    Summarizer s = summarizer().setNumSentences(2).setConfig("rank.damping", "0.8");
    String path = tmp.resolve("saved-summarizer").toString();
    s.write().overwrite().save(path);
    Summarizer loaded = Summarizer.load(path);
    assertThat(loaded.uid()).isEqualTo(s.uid());
    assertThat(loaded.getNumSentences()).isEqualTo(2);
    assertThat(loaded.getConfig()).containsEntry("rank.damping", "0.8");
    assertThat(loaded.settings("w")).isEqualTo(s.settings("w"));
    Dataset<Row> few = spark.createDataFrame(input.subList(0, 6), INPUT);
    assertThat(loaded.transform(few).collectAsList()).isEqualTo(s.transform(few).collectAsList());
  }

  @Test
  void inAPipelineSavedAndLoaded() throws Exception {
    Dataset<Row> few = spark.createDataFrame(input.subList(0, 8), INPUT);
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
        new SQLTransformer().setStatement("SELECT id AS doc, text FROM __THIS__"),
        summarizer().setIdCol("doc")});
    PipelineModel model = pipeline.fit(few);
    List<Row> direct = model.transform(few).collectAsList();
    String path = tmp.resolve("saved-pipeline").toString();
    model.write().overwrite().save(path);
    List<Row> reloaded = PipelineModel.load(path).transform(few).collectAsList();
    assertThat(reloaded).isEqualTo(direct);
    assertThat(direct).hasSize(8);
    for (Row r : direct) {
      assertThat(r.<String>getAs("summary")).isNotEmpty();
      assertThat(r.<String>getAs("error")).isNull();
    }
  }

  @Test
  void aMissingTextColumnIsNamed() {
    assertThatThrownBy(() -> new Summarizer().setTextCol("body").transform(frame))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'body'")
        .hasMessageContaining("textCol");
  }
}
