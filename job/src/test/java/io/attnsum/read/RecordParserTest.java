package io.attnsum.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.attnsum.testing.TestSettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RecordParserTest {
  private static final InputSettings SETTINGS =
      TestSettings.input("input.max-document-bytes=100");
  /** With input.summary-sentences-field = k. */
  private static final InputSettings OWN_LENGTH =
      TestSettings.input("input.max-document-bytes=100", "input.summary-sentences-field=k");

  private final RecordParser parser = new RecordParser(SETTINGS, 20);
  private final RecordParser ownLength = new RecordParser(OWN_LENGTH, 200);

  private ParsedRecord json(String line) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    return parser.parseJsonLine(b, b.length, "file:/in/a.jsonl", 42);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"id\": \"a\", \"text\": \"Hello there.\"}|",
        "{\"id\": 17, \"text\": \"Numbers are fine ids.\"}|",
        "{\"id\": \"a\", \"text\": \"x\"|MALFORMED_JSON",
        "[1, 2]|MALFORMED_JSON",
        "''|MALFORMED_JSON",
        "{\"text\": \"no id\"}|MISSING_ID",
        "{\"id\": null, \"text\": \"null id\"}|MISSING_ID",
        "{\"id\": {\"a\": 1}, \"text\": \"object id\"}|INVALID_ID",
        "{\"id\": \"  \", \"text\": \"blank id\"}|INVALID_ID",
        "{\"id\": \"a\"}|MISSING_TEXT",
        "{\"id\": \"a\", \"text\": 12}|INVALID_TEXT",
        "{\"id\": \"a\", \"text\": \"   \\n\\t \"}|EMPTY_TEXT",
        "{\"id\": \"a\", \"text\": \"\\u200b\\u200b\"}|EMPTY_TEXT",
        "{\"id\": \"a\", \"text\": \"" + "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789 over\"}|TOO_LARGE",
        "{\"id\": \"a\", \"id\": \"b\", \"text\": \"dup key\"}|MALFORMED_JSON",
      })
  void classifiesJsonLines(String line, String reason) {
    ParsedRecord r = json(line.equals("''") ? "" : line);
    if (reason == null) {
      assertThat(r.isDocument()).isTrue();
      assertThat(r.document().source()).isEqualTo("file:/in/a.jsonl");
      assertThat(r.document().location()).isEqualTo(42);
    } else {
      assertThat(r.isDocument()).isFalse();
      assertThat(r.rejected().reason()).isEqualTo(RejectReason.valueOf(reason));
      assertThat(r.rejected().location()).isEqualTo(42);
      assertThat(r.rejected().message()).isNotBlank();
    }
  }

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"id\": \"a\", \"text\": \"Hi.\", \"k\": 4}|4|",
        "{\"id\": \"a\", \"text\": \"Hi.\", \"k\": 2147483647}|2147483647|",
        "{\"id\": \"a\", \"text\": \"Hi.\"}||MISSING_SUMMARY_SENTENCES",
        "{\"id\": \"a\", \"text\": \"Hi.\", \"k\": null}||MISSING_SUMMARY_SENTENCES",
        "{\"id\": \"a\", \"text\": \"Hi.\", \"k\": 0}||INVALID_SUMMARY_SENTENCES",
        "{\"id\": \"a\", \"text\": \"Hi.\", \"k\": -2}||INVALID_SUMMARY_SENTENCES",
        "{\"id\": \"a\", \"text\": \"Hi.\", \"k\": 2.5}||INVALID_SUMMARY_SENTENCES",
        "{\"id\": \"a\", \"text\": \"Hi.\", \"k\": 3.0}||INVALID_SUMMARY_SENTENCES",
        "{\"id\": \"a\", \"text\": \"Hi.\", \"k\": \"4\"}||INVALID_SUMMARY_SENTENCES",
        "{\"id\": \"a\", \"text\": \"Hi.\", \"k\": [4]}||INVALID_SUMMARY_SENTENCES",
        "{\"id\": \"a\", \"text\": \"Hi.\", \"k\": 2147483648}||INVALID_SUMMARY_SENTENCES",
      })
  void readsEachDocumentsOwnSummaryLengthOrRejectsTheRecord(String line, Integer k, String reason) {
    byte[] b = line.getBytes(StandardCharsets.UTF_8);
    ParsedRecord r = ownLength.parseJsonLine(b, b.length, "s", 3);
    if (reason == null) {
      assertThat(r.document().summarySentences()).isEqualTo(k);
    } else {
      assertThat(r.isDocument()).isFalse();
      assertThat(r.rejected().reason()).isEqualTo(RejectReason.valueOf(reason));
      assertThat(r.rejected().id()).isEqualTo("a");
      assertThat(r.rejected().message()).contains("'k'");
      assertThat(r.rejected().payload()).isEqualTo(line);
    }
    // Without the key the field is not read: every document follows the configured budget.
    assertThat(json(line).document().summarySentences()).isZero();
  }

  @Test
  void columnarSummaryLengthsAreIntegersOrDigitStrings() {
    assertThat(ownLength.parseFields("a", "Hi.", 3, "p", -1, "").document().summarySentences())
        .isEqualTo(3);
    assertThat(ownLength.parseFields("a", "Hi.", 5L, "p", -1, "").document().summarySentences())
        .isEqualTo(5);
    // CSV columns are strings.
    assertThat(ownLength.parseFields("a", "Hi.", " 7 ", "c", -1, "").document().summarySentences())
        .isEqualTo(7);
    assertThat(ownLength.parseFields("a", "Hi.", null, "c", -1, "").rejected().reason())
        .isEqualTo(RejectReason.MISSING_SUMMARY_SENTENCES);
    for (Object bad : new Object[] {"seven", "", "-1", 2.0, 0, 3_000_000_000L}) {
      assertThat(ownLength.parseFields("a", "Hi.", bad, "c", -1, "").rejected().reason())
          .as(String.valueOf(bad)).isEqualTo(RejectReason.INVALID_SUMMARY_SENTENCES);
    }
    assertThat(parser.parseFields("a", "Hi.", null, "c", -1, "").document().summarySentences())
        .isZero();
  }

  @Test
  void invalidUtf8IsRejectedNotReplaced() {
    byte[] b = {'{', '"', 'i', 'd', '"', ':', '"', 'a', '"', ',', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    ParsedRecord r = parser.parseJsonLine(b, b.length, "s", 0);
    assertThat(r.rejected().reason()).isEqualTo(RejectReason.INVALID_UTF8);
  }

  @Test
  void binaryGarbageIsMalformed() {
    byte[] b = {0x00, 0x01, (byte) 0xFF, 0x7F, 0x10};
    ParsedRecord r = parser.parseJsonLine(b, b.length, "s", 0);
    assertThat(r.isDocument()).isFalse();
    assertThat(r.rejected().reason()).isIn(RejectReason.INVALID_UTF8, RejectReason.MALFORMED_JSON);
  }

  @Test
  void payloadIsTruncatedToTheBound() {
    ParsedRecord r = json("{\"id\": \"a\", \"text\": 1234567890123456789012345678901234567890}");
    assertThat(r.rejected().payload()).startsWith("{\"id\": \"a\", \"text\": ").contains("…[");
    assertThat(r.rejected().payload().length()).isLessThan(40);
  }

  @Test
  void sizeLimitCountsUtf8Bytes() {
    // 34 CJK characters = 102 UTF-8 bytes > 100, though only 34 chars.
    String text = "中".repeat(34);
    assertThat(json("{\"id\": \"a\", \"text\": \"" + text + "\"}").rejected().reason()).isEqualTo(RejectReason.TOO_LARGE);
    assertThat(json("{\"id\": \"a\", \"text\": \"" + "中".repeat(33) + "\"}").isDocument()).isTrue();
    assertThat(RecordParser.utf8Length("a\u00e9\u4e2d\ud83d\ude00")).isEqualTo(1 + 2 + 3 + 4);
  }

  @Test
  void duplicatesAfterTheFirstAreRejected() {
    List<ParsedRecord> sorted = List.of(
        ParsedRecord.of(new RawDocument("a", "first", "f1", 0)),
        ParsedRecord.of(new RawDocument("a", "second", "f1", 10)),
        ParsedRecord.rejected(new RejectedRecord("f1", 20, "b", RejectReason.EMPTY_TEXT, "m", "")),
        ParsedRecord.of(new RawDocument("b", "kept", "f2", 0)),
        ParsedRecord.of(new RawDocument("b", "third", "f2", 5)));
    List<ParsedRecord> out = new ArrayList<>();
    Iterator<ParsedRecord> it = new DuplicateFilter(sorted.iterator(), parser);
    it.forEachRemaining(out::add);
    assertThat(out).hasSize(5);
    assertThat(out.get(0).isDocument()).isTrue();
    assertThat(out.get(1).rejected().reason()).isEqualTo(RejectReason.DUPLICATE_ID);
    assertThat(out.get(1).rejected().message()).contains("f1 offset 0");
    assertThat(out.get(2).rejected().reason()).isEqualTo(RejectReason.EMPTY_TEXT);
    assertThat(out.get(3).document().text()).isEqualTo("kept");
    assertThat(out.get(4).rejected().reason()).isEqualTo(RejectReason.DUPLICATE_ID);
  }

  @Test
  void recordKeysSortByIdThenSourceThenOffset() {
    List<RecordKey> keys = new ArrayList<>(List.of(
        new RecordKey("b", "f1", 0), new RecordKey("a", "f2", 0), new RecordKey("a", "f1", 9), new RecordKey("a", "f1", 3)));
    keys.sort(null);
    assertThat(keys).containsExactly(
        new RecordKey("a", "f1", 3), new RecordKey("a", "f1", 9), new RecordKey("a", "f2", 0), new RecordKey("b", "f1", 0));
    IdPartitioner p = new IdPartitioner(7);
    assertThat(p.getPartition(new RecordKey("a", "x", 1))).isEqualTo(p.getPartition(new RecordKey("a", "y", 2)));
  }

  @Test
  void partitionCountFollowsConfigOrCorpusSize() {
    assertThat(CorpusPartitioner.partitionCount(12, 5, 2)).isEqualTo(12);
    assertThat(CorpusPartitioner.partitionCount(0, 3, 8)).isEqualTo(3);
    assertThat(CorpusPartitioner.partitionCount(0, 1000, 2)).isEqualTo(4);
    assertThat(CorpusPartitioner.partitionCount(0, 1_000_000, 2)).isEqualTo(500);
    // Whole waves: 10,000 records need 5 partitions by size, 6 keep both cores busy to the end.
    assertThat(CorpusPartitioner.partitionCount(0, 10_000, 2)).isEqualTo(6);
    assertThat(CorpusPartitioner.partitionCount(0, 50_000, 8)).isEqualTo(32);
    assertThat(CorpusPartitioner.partitionCount(0, 5, 4)).isEqualTo(5);
  }
}
