package io.attnsum.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attnsum.encode.TinyBert;
import io.attnsum.testing.LocalSpark;
import io.attnsum.write.OutputTables;
import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A corpus of nasty inputs end to end, with and without the encoders: nothing crashes, nothing
 * disappears, reasons are right.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirtyInputIT implements Serializable {
  private static final long serialVersionUID = 1L;
  @TempDir static Path tmp;
  private transient SparkSession spark;
  private transient Path corpus;
  /** Expected outcome per line: null = a document, else the reject reason. */
  private final transient List<String> expected = new ArrayList<>();

  private final transient ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  private void line(String json, String reason) {
    line(json.getBytes(StandardCharsets.UTF_8), reason);
  }

  private void line(byte[] raw, String reason) {
    bytes.writeBytes(raw);
    bytes.write('\n');
    expected.add(reason);
  }

  /** A JSON Lines record with the text escaped as JSON requires (quotes, backslashes, controls). */
  private static String doc(String id, String text) {
    StringBuilder t = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        t.append('\\').append(c);
      } else if (c < 0x20) {
        t.append(String.format("\\u%04x", (int) c));
      } else {
        t.append(c);
      }
    }
    return "{\"id\": \"" + id + "\", \"text\": \"" + t + "\"}";
  }

  @BeforeAll
  void buildCorpus() throws Exception {
    spark = LocalSpark.get();
    String news = "The council approved the new budget on Tuesday. Spending on schools will rise by 4%. "
        + "Critics said the plan ignores roads. The mayor defended it in a statement. A vote on transport follows next month.";
    line(doc("ok-1", news), null);
    line(doc("ok-emoji", "Fans cheered 🎉🎉 as the team won. The coach thanked everyone 👏. It was their first title."), null);
    line(doc("ok-rtl", "The minister spoke Arabic: مرحبا بكم في المؤتمر. She then switched to English. Everyone applauded."), null);
    line(doc("ok-mixed", "Tokyo 東京 hosted the summit. Delegates from Москва attended. The talks ended late."), null);
    line(doc("ok-zwsp", "Zero\u200bwidth\u200bspaces hide here. Another\u200d sentence follows. And a third one."), null);
    line(doc("ok-control", "Control\u0007 characters\u0001 appear. The text\u000b goes on. It ends here."), null);
    line(doc("ok-zh", "法院于昨日作出判决。被告不服，提出上诉！案件将于下月重审。"), null);
    line(doc("ok-long-sentence", "word ".repeat(10_000) + "end."), null);
    StringBuilder huge = new StringBuilder();
    for (int i = 0; huge.length() < 400_000; i++) {
      huge.append("Paragraph ").append(i).append(" reports that the river rose again overnight. ");
    }
    line(doc("ok-huge", huge.toString()), null);
    line(doc("dup", "The first copy is kept. It comes first in the file."), null);
    line(doc("dup", "The second copy is rejected. It comes later."), "DUPLICATE_ID");
    line("{\"id\": \"broken\", \"text\": \"no closing", "MALFORMED_JSON");
    line("this is not json at all", "MALFORMED_JSON");
    line("{\"text\": \"no id here\"}", "MISSING_ID");
    line("{\"id\": [1, 2], \"text\": \"array id\"}", "INVALID_ID");
    line("{\"id\": \"no-text\"}", "MISSING_TEXT");
    line("{\"id\": \"num-text\", \"text\": 42}", "INVALID_TEXT");
    line(doc("empty", ""), "EMPTY_TEXT");
    line(doc("blank", "   \t  "), "EMPTY_TEXT");
    line(doc("too-big", "x".repeat(600_000)), "TOO_LARGE");
    byte[] badUtf8 = "{\"id\": \"bad-utf8\", \"text\": \"caf\u00e9 X\"}".getBytes(StandardCharsets.UTF_8);
    badUtf8[badUtf8.length - 4] = (byte) 0xC3; // a lead byte followed by a space: invalid
    line(badUtf8, "INVALID_UTF8");
    line(new byte[] {0x00, 0x13, 0x37, (byte) 0x80, (byte) 0x81, 0x7f}, "INVALID_UTF8");
    line(new byte[] {0x01, 0x02, 0x03, 0x04}, "MALFORMED_JSON");
    line("", "MALFORMED_JSON");
    corpus = tmp.resolve("dirty.jsonl");
    Files.write(corpus, bytes.toByteArray());
  }

  private JobSettings config(Path out, String... more) {
    List<String> sets = new ArrayList<>(List.of("input.path=" + corpus, "output.path=" + out, "run.id=dirty",
        "output.format=jsonl", "input.max-document-bytes=512k", "vectors.train.dimensions=20",
        "vectors.train.epochs=1", io.attnsum.testing.TestSettings.sharedEncoderCache()));
    sets.addAll(List.of(more));
    return JobSettings.load(null, sets);
  }

  /**
   * The encoder settings of each mode under test. The lexical default runs no encoder, so the
   * other modes give the embeddings a share of the graph: the built-in encoders' static pieces
   * and contextual states (MiniLM through the 10,000-word sentence's windows, bge-small-zh on the
   * Chinese document), and the tests' tiny BERT, whose few pieces leave most sentences without a
   * known token.
   */
  private String[] modeSettings(String mode) {
    return switch (mode) {
      case "lexical" -> new String[0];
      case "static" -> new String[] {"encoder.mode=static", "rank.embedding-weight=0.15"};
      case "contextual" -> new String[] {"encoder.mode=contextual", "rank.embedding-weight=0.15"};
      case "tiny-contextual" -> new String[] {"encoder.mode=contextual",
          "rank.embedding-weight=0.15", "encoder.path=" + TinyBert.writeTo(tmp.resolve("tiny"))};
      default -> throw new IllegalArgumentException(mode);
    };
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"lexical", "static", "contextual", "tiny-contextual"})
  void everyRecordIsADocumentOrARejectionWithTheRightReason(String mode) throws Exception {
    Path out = tmp.resolve("out-" + mode);
    RunResult r = new SummarizationJob(spark, config(out, modeSettings(mode))).run();
    long docs = expected.stream().filter(e -> e == null).count();
    assertThat(r.inputRecords()).isEqualTo(expected.size());
    List<Row> rejectedRows = spark.read().schema(OutputTables.REJECTED)
        .json(out.resolve("run_id=dirty/rejected").toString()).collectAsList();
    assertThat(rejectedRows.stream().map(x -> x.getAs("id") + ":" + x.getAs("reason")).toList())
        .as("rejected records").noneMatch(x -> x.startsWith("ok-"));
    assertThat(r.documents()).isEqualTo(docs);
    assertThat(r.rejected()).isEqualTo(expected.size() - docs);

    Map<String, Long> want = new HashMap<>();
    expected.stream().filter(e -> e != null).forEach(e -> want.merge(e, 1L, Long::sum));
    Map<String, Long> got = new HashMap<>();
    List<Row> rejected = spark.read().schema(OutputTables.REJECTED)
        .json(out.resolve("run_id=dirty/rejected").toString()).collectAsList();
    for (Row row : rejected) {
      got.merge(row.getAs("reason"), 1L, Long::sum);
      assertThat(row.<String>getAs("source")).endsWith("dirty.jsonl");
      assertThat(row.<Long>getAs("location")).isGreaterThanOrEqualTo(0L);
      assertThat(row.<String>getAs("message")).isNotBlank();
      String payload = row.getAs("payload");
      assertThat(payload == null ? 0 : payload.length()).isLessThanOrEqualTo(2048 + 32);
    }
    assertThat(got).isEqualTo(want);
    Row dup = rejected.stream().filter(x -> "DUPLICATE_ID".equals(x.getAs("reason"))).findFirst().orElseThrow();
    assertThat(dup.<String>getAs("payload")).contains("second copy");

    List<Row> summaries = spark.read().json(out.resolve("run_id=dirty/summaries").toString()).collectAsList();
    Map<String, Row> byId = new HashMap<>();
    summaries.forEach(s -> byId.put(s.getAs("doc_id"), s));
    assertThat(byId.get("dup").<String>getAs("summary")).contains("first copy");
    assertThat(byId.get("ok-zh").<String>getAs("language")).isEqualTo("zh");
    assertThat(byId.get("ok-1").<String>getAs("language")).isEqualTo("en");
    assertThat(byId).hasSize((int) docs);
    byId.forEach((id, row) -> assertThat(row.<String>getAs("summary")).as(id).isNotBlank());

    JsonNode manifest = new ObjectMapper().readTree(
        out.resolve("run_id=dirty/_manifest.json").toFile());
    JsonNode encoder = manifest.get("encoder");
    assertThat(encoder.get("used").asBoolean()).as(mode).isEqualTo(!mode.equals("lexical"));
    // Every sentence of every document went through the encoder once, or none did.
    assertThat(encoder.get("sentences_encoded").asLong()).as(mode).isEqualTo(
        mode.equals("lexical") ? 0 : manifest.get("text").get("sentences").asLong());
    if (mode.equals("tiny-contextual")) {
      // Sentences none of whose pieces the tiny vocabulary knows are ranked and written too.
      assertThat(spark.read().json(out.resolve("run_id=dirty/sentences").toString())
          .filter("known_tokens = 0").count()).isPositive();
    }
  }

  @Test
  void failModeStopsAtTheFirstBadRecordAndPublishesNothing() {
    Path out = tmp.resolve("fail");
    assertThatThrownBy(() -> new SummarizationJob(spark, config(out, "input.on-bad-record=fail")).run())
        .isInstanceOf(QualityException.class)
        .hasMessageContaining("dirty.jsonl offset");
    assertThat(out.resolve("run_id=dirty")).doesNotExist();
  }

  @Test
  void rejectedFractionOverTheThresholdFailsTheRun() {
    Path out = tmp.resolve("quality");
    assertThatThrownBy(() -> new SummarizationJob(spark, config(out, "quality.max-rejected-fraction=0.1")).run())
        .isInstanceOf(QualityException.class)
        .hasMessageContaining("quality.max-rejected-fraction");
    assertThat(out.resolve("run_id=dirty")).doesNotExist();
  }
}
