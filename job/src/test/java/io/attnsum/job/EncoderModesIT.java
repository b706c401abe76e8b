package io.attnsum.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attnsum.encode.BuiltInEncoder;
import io.attnsum.encode.TinyBert;
import io.attnsum.testing.LocalSpark;
import io.attnsum.testing.TestSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job in each encoder mode on the sample corpus (40 BBC News articles) with 12 Chinese
 * documents mixed in, so that each language's encoder is used: static pieces of the built-in
 * encoders (from the test suite's shared encoder cache, see {@link
 * TestSettings#sharedEncoderCache}), static pieces and contextual states of a user's encoder (the
 * tiny BERT of the tests, through {@code encoder.path}), contextual states of the built-in
 * encoders on a few documents, word vectors, and the lexical-only ablation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EncoderModesIT implements Serializable {
  private static final String BLENDED = "rank.embedding-weight=0.15";
  private static final Set<String> ABLATIONS = Set.of("ablation", "tiny-ablation");
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> TABLES = List.of("sentences", "summaries", "rejected");

  @TempDir static Path tmp;
  private transient SparkSession spark;
  private transient Path corpus;
  private transient Path few;
  private transient Path tiny;
  private transient long sentences;
  /** Each run's result and manifest, by name. */
  private final transient Map<String, Run> runs = new LinkedHashMap<>();

  private record Run(Path dir, RunResult result, JsonNode manifest) {
    JsonNode encoder() {
      return manifest.get("encoder");
    }
  }

  @BeforeAll
  void runEveryMode() throws Exception {
    spark = LocalSpark.get();
    corpus = tmp.resolve("corpus.jsonl");
    List<String> lines = new ArrayList<>(Files.readAllLines(SummarizationJobIT.SAMPLE));
    List<String> chinese = new ArrayList<>();
    for (String resource : List.of("text/cail2020_zh.sample.jsonl", "text/lcsts_zh.sample.jsonl")) {
      chinese.addAll(Files.readAllLines(Path.of("src/test/resources").resolve(resource)));
    }
    lines.addAll(chinese);
    Files.write(corpus, lines);
    // A handful of documents for the built-in encoders' contextual mode.
    few = tmp.resolve("few.jsonl");
    Files.write(few, List.of(lines.get(0), lines.get(1), lines.get(2), lines.get(3),
        chinese.get(0), chinese.get(4)));
    tiny = TinyBert.writeTo(tmp.resolve("tiny"));
    String tinyPath = "encoder.path=" + tiny;
    String tinyCache = "encoder.cache-path=" + tmp.resolve("tiny-cache");

    // Every run but the ablations gives the embeddings a share of the graph: with the default
    // weight 0 nothing reads the sentence vectors and no encoder runs.
    run("static", corpus, BLENDED, TestSettings.sharedEncoderCache());
    run("static-again", corpus, BLENDED, TestSettings.sharedEncoderCache());
    run("tiny-static", corpus, tinyPath, tinyCache, BLENDED);
    run("tiny-static-again", corpus, tinyPath, tinyCache, BLENDED);
    run("tiny-contextual", corpus, tinyPath, "encoder.mode=contextual", BLENDED);
    run("contextual", few, "encoder.mode=contextual", BLENDED);
    run("word-vectors", corpus, "encoder.mode=word-vectors", "vectors.train.dimensions=50",
        "vectors.train.epochs=2", BLENDED);
    run("ablation", corpus, "rank.embedding-weight=0", TestSettings.sharedEncoderCache());
    run("tiny-ablation", corpus, "rank.embedding-weight=0", tinyPath, "encoder.mode=contextual");
    sentences = runs.get("static").manifest().get("text").get("sentences").asLong();
  }

  private void run(String name, Path input, String... more) throws Exception {
    Path out = tmp.resolve(name);
    List<String> sets = new ArrayList<>(List.of("input.path=" + input, "output.path=" + out,
        "run.id=r", "output.format=jsonl"));
    sets.addAll(List.of(more));
    RunResult result = new SummarizationJob(spark, JobSettings.load(null, sets)).run();
    Path dir = out.resolve("run_id=r");
    runs.put(name, new Run(dir, result, JSON.readTree(dir.resolve("_manifest.json").toFile())));
  }

  @Test
  void everyRunSummarizesEveryDocumentAndTheBooksBalance() throws Exception {
    for (Map.Entry<String, Run> e : runs.entrySet()) {
      Path input = e.getKey().equals("contextual") ? few : corpus;
      Set<String> ids = new HashSet<>();
      for (String line : Files.readAllLines(input)) {
        ids.add(JSON.readTree(line).get("id").asText());
      }
      RunResult r = e.getValue().result();
      assertThat(r.inputRecords()).as(e.getKey()).isEqualTo(ids.size());
      assertThat(r.rejected()).as(e.getKey()).isZero();
      assertThat(r.documents()).as(e.getKey()).isEqualTo(ids.size());
      Set<String> summarized = new HashSet<>();
      for (Row row : spark.read().json(e.getValue().dir().resolve("summaries").toString())
          .collectAsList()) {
        summarized.add(row.getAs("doc_id"));
        assertThat(row.<String>getAs("summary")).as(e.getKey()).isNotBlank();
      }
      assertThat(summarized).as(e.getKey()).isEqualTo(ids);
      JsonNode m = e.getValue().manifest();
      assertThat(m.get("stages").fieldNames()).toIterable().as(e.getKey())
          .containsExactly("read", "text", "encode", "summarize", "write");
      JsonNode encoder = m.get("encoder");
      assertThat(encoder.get("sentences_encoded").asLong()).as(e.getKey())
          .isEqualTo(m.get("stages").get("summarize").get("sentences_encoded").asLong());
      if (ABLATIONS.contains(e.getKey())) {
        continue; // theAblationRunsNoEncoder
      }
      // Every sentence went through the encoder once, in some task.
      assertThat(encoder.get("used").asBoolean()).as(e.getKey()).isTrue();
      assertThat(encoder.get("sentences_encoded").asLong()).as(e.getKey())
          .isEqualTo(m.get("text").get("sentences").asLong());
      assertThat(encoder.get("encoder_task_seconds").asDouble()).as(e.getKey()).isPositive();
      assertThat(encoder.get("vocabulary_words").asLong()).as(e.getKey())
          .isEqualTo(m.get("stages").get("text").get("vocabulary_words").asLong());
    }
    assertThat(runs.get("static").manifest().get("text").get("documents_by_language").get("zh")
        .asLong()).isEqualTo(12);
    assertThat(sentences).isEqualTo(runs.get("word-vectors").manifest().get("text")
        .get("sentences").asLong());
  }

  /** Static mode with the built-in encoders: one distilled pack per language, from the cache. */
  @Test
  void staticModeRecordsEachLanguagesEncoderAndPack() throws Exception {
    JsonNode first = runs.get("static").encoder();
    JsonNode again = runs.get("static-again").encoder();
    assertThat(first.get("mode").asText()).isEqualTo("static");
    assertThat(first.get("vectors").isNull()).isTrue();
    assertThat(first.get("encoders")).hasSize(2);
    Map<String, BuiltInEncoder> expected = Map.of(
        "en", BuiltInEncoder.ALL_MINILM_L6_V2, "zh", BuiltInEncoder.BGE_SMALL_ZH_V1_5);
    for (int i = 0; i < 2; i++) {
      JsonNode e = first.get("encoders").get(i);
      BuiltInEncoder model = expected.get(e.get("language").asText());
      assertThat(e.get("name").asText()).isEqualTo(model.id());
      assertThat(e.get("sha256").asText()).isEqualTo(sha256(model));
      assertThat(e.get("dimensions").asInt()).isEqualTo(256);
      assertThat(e.get("pooling").asText()).isEqualTo(model.pooling().name().toLowerCase());
      String pack = e.get("static_pack").asText();
      assertThat(pack).startsWith("file:").contains("/static-" + sha256(model).substring(0, 16));
      assertThat(Path.of(java.net.URI.create(pack))).exists()
          .startsWith(TestSettings.sharedEncoderCacheDir());
      // The second run found the pack the first run (or an earlier test) distilled.
      JsonNode e2 = again.get("encoders").get(i);
      assertThat(e2.get("static_pack").asText()).isEqualTo(pack);
      assertThat(e2.get("static_pack_built").asBoolean()).isFalse();
    }
    assertThat(tableBytes("static-again")).isEqualTo(tableBytes("static"));
  }

  /**
   * A user's encoder in static mode: its pack is distilled by the first run (into the cache
   * path given) and found by the second, whose output is the same bytes.
   */
  @Test
  void aUsersEncoderIsDistilledOnceAndFoundInTheCache() throws Exception {
    JsonNode first = runs.get("tiny-static").encoder();
    JsonNode again = runs.get("tiny-static-again").encoder();
    String hash = sha256(TinyBert.onnx(), TinyBert.tokenizerJson());
    for (JsonNode report : List.of(first, again)) {
      assertThat(report.get("mode").asText()).isEqualTo("static");
      // The user's encoder serves both languages.
      assertThat(report.get("encoders")).hasSize(2);
      for (JsonNode e : report.get("encoders")) {
        assertThat(e.get("name").asText()).isEqualTo(tiny.toString());
        assertThat(e.get("sha256").asText()).isEqualTo(hash);
        // reference.conf asks for 256 components; the tiny encoder has 32.
        assertThat(e.get("dimensions").asInt()).isEqualTo(TinyBert.HIDDEN);
        assertThat(e.get("pooling").asText()).isEqualTo("mean");
        assertThat(e.get("static_pack").asText())
            .contains("tiny-cache/static-" + hash.substring(0, 16));
      }
    }
    // Both languages share one pack: the first language's run distils it, the second finds it.
    assertThat(first.get("encoders").get(0).get("static_pack_built").asBoolean()).isTrue();
    assertThat(first.get("encoders").get(1).get("static_pack_built").asBoolean()).isFalse();
    for (JsonNode e : again.get("encoders")) {
      assertThat(e.get("static_pack_built").asBoolean()).isFalse();
    }
    assertThat(tableBytes("tiny-static-again")).isEqualTo(tableBytes("tiny-static"));
  }

  @Test
  void contextualModeRecordsTheEncodersWidth() throws Exception {
    JsonNode tinyReport = runs.get("tiny-contextual").encoder();
    assertThat(tinyReport.get("mode").asText()).isEqualTo("contextual");
    for (JsonNode e : tinyReport.get("encoders")) {
      assertThat(e.get("dimensions").asInt()).isEqualTo(TinyBert.HIDDEN);
      assertThat(e.get("static_pack").isNull()).isTrue();
      assertThat(e.get("static_pack_built").asBoolean()).isFalse();
    }
    JsonNode builtIn = runs.get("contextual").encoder();
    Map<String, Integer> widths = new LinkedHashMap<>();
    for (JsonNode e : builtIn.get("encoders")) {
      widths.put(e.get("name").asText(), e.get("dimensions").asInt());
    }
    assertThat(widths).containsOnly(Map.entry("all-minilm-l6-v2", 384),
        Map.entry("bge-small-zh-v1.5", 512));
    // The contextual summaries are not the static ones: the encoder's states did the ranking.
    assertThat(tableBytes("tiny-contextual").get("summaries"))
        .isNotEqualTo(tableBytes("tiny-static").get("summaries"));
  }

  @Test
  void wordVectorsModeRecordsItsVectorsUnderEncoder() {
    JsonNode report = runs.get("word-vectors").encoder();
    assertThat(report.get("mode").asText()).isEqualTo("word-vectors");
    assertThat(report.get("encoders")).isEmpty();
    JsonNode vectors = report.get("vectors");
    assertThat(vectors.isObject()).isTrue();
    assertThat(vectors.toString()).contains("\"pack_uri\"").doesNotContain("packUri");
    assertThat(runs.get("word-vectors").manifest().has("vectors")).isFalse();
  }

  /**
   * {@code rank.embedding-weight = 0} removes every embedding signal: the built-in encoders'
   * static pieces and the tiny BERT's contextual states then give the same summaries, and not
   * those of a positive weight.
   */
  @Test
  void theAblationKeyRanksWithoutTheEncoder() throws Exception {
    Map<String, String> ablation = tableBytes("ablation");
    Map<String, String> tinyAblation = tableBytes("tiny-ablation");
    assertThat(tinyAblation.get("summaries")).isEqualTo(ablation.get("summaries"));
    assertThat(ablation.get("summaries")).isNotEqualTo(tableBytes("static").get("summaries"));
  }

  /**
   * With nothing reading the sentence vectors no encoder is prepared or run, whatever the mode:
   * no static pack, no encoder file read, no sentence encoded, and {@code known_tokens} null.
   */
  @Test
  void theAblationRunsNoEncoder() throws Exception {
    for (String name : ABLATIONS) {
      JsonNode report = runs.get(name).encoder();
      assertThat(report.get("used").asBoolean()).as(name).isFalse();
      assertThat(report.get("encoders")).as(name).isEmpty();
      assertThat(report.get("sentences_encoded").asLong()).as(name).isZero();
      assertThat(report.get("encoder_task_seconds").asDouble()).as(name).isZero();
      assertThat(report.get("vocabulary_words").asLong()).as(name).isPositive();
      List<Row> rows = spark.read().json(runs.get(name).dir().resolve("sentences").toString())
          .collectAsList();
      assertThat(rows).as(name).hasSize((int) sentences);
      for (Row row : rows) {
        assertThat(row.schema().getFieldIndex("known_tokens").isEmpty()
            || row.isNullAt(row.fieldIndex("known_tokens"))).as(name).isTrue();
      }
    }
    // Blended runs count the tokens that had a vector.
    assertThat(spark.read().json(runs.get("static").dir().resolve("sentences").toString())
        .filter("known_tokens > 0").count()).isPositive();
  }

  /** The tables of a run, concatenated part by part. */
  private Map<String, String> tableBytes(String run) throws Exception {
    Map<String, String> tables = new LinkedHashMap<>();
    for (String table : TABLES) {
      tables.put(table, SummarizationJobIT.concatParts(runs.get(run).dir().resolve(table)));
    }
    return tables;
  }

  /** SHA-256 of a built-in encoder's ONNX file followed by its tokenizer.json. */
  private static String sha256(BuiltInEncoder model) throws IOException {
    return sha256(bytes(model, model.onnxResource()), bytes(model, model.tokenizerResource()));
  }

  private static byte[] bytes(BuiltInEncoder model, String resource) throws IOException {
    try (InputStream in = model.open(resource)) {
      return in.readAllBytes();
    }
  }

  private static String sha256(byte[] onnx, byte[] tokenizer) {
    try {
      ByteArrayOutputStream both = new ByteArrayOutputStream();
      both.write(onnx);
      both.write(tokenizer);
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(both.toByteArray()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
