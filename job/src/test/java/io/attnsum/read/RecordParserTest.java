package io.attnsum.read;

import static io.attnsum.read.ParsedRecords.documentOf;
import static io.attnsum.read.ParsedRecords.rejectionOf;
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
      assertThat(r).isInstanceOf(ParsedRecord.Document.class);
      assertThat(documentOf(r).source()).isEqualTo("file:/in/a.jsonl");
      assertThat(documentOf(r).location()).isEqualTo(42);
    } else {
      assertThat(r).isInstanceOf(ParsedRecord.Rejected.class);
      assertThat(rejectionOf(r).reason()).isEqualTo(RejectReason.valueOf(reason));
      assertThat(rejectionOf(r).location()).isEqualTo(42);
      assertThat(rejectionOf(r).message()).isNotBlank();
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
      assertThat(documentOf(r).summarySentences()).isEqualTo(k);
    } else {
      assertThat(r).isInstanceOf(ParsedRecord.Rejected.class);
      assertThat(rejectionOf(r).reason()).isEqualTo(RejectReason.valueOf(reason));
      assertThat(rejectionOf(r).id()).isEqualTo("a");
      assertThat(rejectionOf(r).message()).contains("'k'");
      assertThat(rejectionOf(r).payload()).isEqualTo(line);
    }
    // Without the key the field is not read: every document follows the configured budget.
    assertThat(documentOf(json(line)).summarySentences()).isZero();
  }

  @Test
  void columnarSummaryLengthsAreIntegersOrDigitStrings() {
    assertThat(documentOf(ownLength.parseFields("a", "Hi.", 3, "p", -1, "")).summarySentences())
        .isEqualTo(3);
    assertThat(documentOf(ownLength.parseFields("a", "Hi.", 5L, "p", -1, "")).summarySentences())
        .isEqualTo(5);
    // CSV columns are strings.
    assertThat(documentOf(ownLength.parseFields("a", "Hi.", " 7 ", "c", -1, "")).summarySentences())
        .isEqualTo(7);
    assertThat(rejectionOf(ownLength.parseFields("a", "Hi.", null, "c", -1, "")).reason())
        .isEqualTo(RejectReason.MISSING_SUMMARY_SENTENCES);
    for (Object bad : new Object[] {"seven", "", "-1", 2.0, 0, 3_000_000_000L}) {
      assertThat(rejectionOf(ownLength.parseFields("a", "Hi.", bad, "c", -1, "")).reason())
          .as(String.valueOf(bad)).isEqualTo(RejectReason.INVALID_SUMMARY_SENTENCES);
    }
    assertThat(documentOf(parser.parseFields("a", "Hi.", null, "c", -1, "")).summarySentences())
        .isZero();
  }

  @Test
  void invalidUtf8IsRejectedNotReplaced() {
    byte[] b = {'{', '"', 'i', 'd', '"', ':', '"', 'a', '"', ',', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    ParsedRecord r = parser.parseJsonLine(b, b.length, "s", 0);
    assertThat(rejectionOf(r).reason()).isEqualTo(RejectReason.INVALID_UTF8);
  }

  @Test
  void binaryGarbageIsMalformed() {
    byte[] b = {0x00, 0x01, (byte) 0xFF, 0x7F, 0x10};
    ParsedRecord r = parser.parseJsonLine(b, b.length, "s", 0);
    assertThat(r).isInstanceOf(ParsedRecord.Rejected.class);
    assertThat(rejectionOf(r).reason()).isIn(RejectReason.INVALID_UTF8, RejectReason.MALFORMED_JSON);
  }

  @Test
  void payloadIsTruncatedToTheBound() {
    ParsedRecord r = json("{\"id\": \"a\", \"text\": 1234567890123456789012345678901234567890}");
    assertThat(rejectionOf(r).payload()).startsWith("{\"id\": \"a\", \"text\": ").contains("…[");
    assertThat(rejectionOf(r).payload().length()).isLessThan(40);
  }

  @Test
  void sizeLimitCountsUtf8Bytes() {
    // 34 CJK characters = 102 UTF-8 bytes > 100, though only 34 chars.
    String text = "中".repeat(34);
    assertThat(rejectionOf(json("{\"id\": \"a\", \"text\": \"" + text + "\"}")).reason()).isEqualTo(RejectReason.TOO_LARGE);
    assertThat(json("{\"id\": \"a\", \"text\": \"" + "中".repeat(33) + "\"}")).isInstanceOf(ParsedRecord.Document.class);
    assertThat(RecordParser.utf8Length("a\u00e9\u4e2d\ud83d\ude00")).isEqualTo(1 + 2 + 3 + 4);
  }

  @Test
  void duplicatesAfterTheFirstAreRejected() {
    List<ParsedRecord> sorted = List.of(
        new ParsedRecord.Document(new RawDocument("a", "first", "f1", 0)),
        new ParsedRecord.Document(new RawDocument("a", "second", "f1", 10)),
        new ParsedRecord.Rejected(new RejectedRecord("f1", 20, "b", RejectReason.EMPTY_TEXT, "m", "")),
        new ParsedRecord.Document(new RawDocument("b", "kept", "f2", 0)),
        new ParsedRecord.Document(new RawDocument("b", "third", "f2", 5)));
    List<ParsedRecord> out = new ArrayList<>();
    Iterator<ParsedRecord> it = new DuplicateFilter(sorted.iterator(), parser);
    it.forEachRemaining(out::add);
    assertThat(out).hasSize(5);
    assertThat(out.get(0)).isInstanceOf(ParsedRecord.Document.class);
    assertThat(rejectionOf(out.get(1)).reason()).isEqualTo(RejectReason.DUPLICATE_ID);
    assertThat(rejectionOf(out.get(1)).message()).contains("f1 offset 0");
    assertThat(rejectionOf(out.get(2)).reason()).isEqualTo(RejectReason.EMPTY_TEXT);
    assertThat(documentOf(out.get(3)).text()).isEqualTo("kept");
    assertThat(rejectionOf(out.get(4)).reason()).isEqualTo(RejectReason.DUPLICATE_ID);
  }

  @Test
  void recordKeysSortByIdThenSourceThenOffset() {
    List<RecordKey> keys = new ArrayList<>(List.of(
        new RecordKey("b", "f1", 0), new RecordKey("a", "f2", 0), new RecordKey("a", "f1", 9), new RecordKey("a", "f1", 3)));
    keys.sort(null);
    assertThat(keys).containsExactly(
        new RecordKey("a", "f1", 3), new RecordKey("a", "f1", 9), new RecordKey("a", "f2", 0), new RecordKey("b", "f1", 0));
    assertThat(new ParsedRecord.Document(new RawDocument("a", "t", "f1", 3)).key())
        .isEqualTo(new RecordKey("a", "f1", 3));
    // A rejection without an id sorts before every id.
    assertThat(new ParsedRecord.Rejected(
        new RejectedRecord("f2", 8, null, RejectReason.MISSING_ID, "m", "")).key())
        .isEqualTo(new RecordKey("", "f2", 8));
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
