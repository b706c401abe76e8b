package io.attnsum.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.UniqueElements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VectorFileReaderTest {
  @TempDir Path dir;

  private static VectorPack read(byte[] content, VectorFormat format) {
    return VectorFileReader.read(new ByteArrayInputStream(content), "test.vec", format, null);
  }

  private static void assertSame(VectorPack pack, Map<String, float[]> expected) {
    assertThat(pack.size()).isEqualTo(expected.size());
    int row = 0;
    for (Map.Entry<String, float[]> e : expected.entrySet()) {
      assertThat(pack.word(row)).isEqualTo(e.getKey());
      assertThat(pack.indexOf(e.getKey())).isEqualTo(row);
      float[] got = new float[pack.dim()];
      pack.copyRow(row, got, 0);
      assertThat(got).containsExactly(e.getValue());
      row++;
    }
  }

  private static byte[] content(String kind, Map<String, float[]> v) {
    return switch (kind) {
      case "word2vec-text" -> VectorFiles.text(v, true, false);
      case "fasttext-vec" -> VectorFiles.text(v, true, true);
      case "glove" -> VectorFiles.text(v, false, false);
      case "word2vec-binary" -> VectorFiles.binary(v, true);
      case "word2vec-binary-no-newlines" -> VectorFiles.binary(v, false);
      default -> throw new IllegalArgumentException(kind);
    };
  }

  @ParameterizedTest(name = "{0} gzip={1} declared={2}")
  @CsvSource({
    "word2vec-text, false, AUTO, WORD2VEC_TEXT",
    "word2vec-text, true, AUTO, WORD2VEC_TEXT",
    "word2vec-text, false, WORD2VEC_TEXT, WORD2VEC_TEXT",
    "fasttext-vec, false, AUTO, WORD2VEC_TEXT",
    "fasttext-vec, true, FASTTEXT_VEC, FASTTEXT_VEC",
    "glove, false, AUTO, GLOVE",
    "glove, true, GLOVE, GLOVE",
    "word2vec-binary, false, AUTO, WORD2VEC_BINARY",
    "word2vec-binary, true, AUTO, WORD2VEC_BINARY",
    "word2vec-binary-no-newlines, false, WORD2VEC_BINARY, WORD2VEC_BINARY",
  })
  void roundTripsEveryFormat(String kind, boolean gzip, VectorFormat declared, VectorFormat detected)
      throws IOException {
    Map<String, float[]> v = VectorFiles.sample();
    byte[] raw = content(kind, v);
    byte[] bytes = gzip ? VectorFiles.gzip(raw) : raw;
    Path file = VectorFiles.write(dir, kind + (gzip ? ".gz" : ""), bytes);

    assertSame(VectorFiles.read(file, declared, null), v);
    byte[] head = Arrays.copyOf(raw, Math.min(raw.length, VectorFileLayout.HEAD_BYTES));
    VectorFileLayout layout = VectorFileLayout.detect(head, head.length, "f", declared, gzip);
    assertThat(layout.format()).isEqualTo(detected);
    assertThat(layout.dim()).isEqualTo(4);
    assertThat(layout.headerCount()).isEqualTo(kind.equals("glove") ? -1 : 5);
  }

  @Test
  void keepsOnlyTheWordsTheFilterAccepts() throws IOException {
    Map<String, float[]> v = VectorFiles.sample();
    Set<String> keep = Set.of("東京", "end.", "absent");
    for (byte[] content : new byte[][] {content("glove", v), content("word2vec-binary", v)}) {
      Path file = VectorFiles.write(dir, "keep", content);
      VectorPack pack = VectorFiles.read(file, VectorFormat.AUTO, keep);
      Map<String, float[]> expected = new LinkedHashMap<>();
      expected.put("東京", v.get("東京"));
      expected.put("end.", v.get("end."));
      assertSame(pack, expected);
    }
  }

  @Test
  void skipsUtf8BomAndCrlfLineEnds() {
    String text = "\uFEFF2 3\r\nα 1 2 3\r\nβ 4 5 6\r\n";
    VectorPack pack = read(text.getBytes(StandardCharsets.UTF_8), VectorFormat.AUTO);
    assertThat(pack.word(0)).isEqualTo("α");
    assertThat(pack.data()).containsExactly(1, 2, 3, 4, 5, 6);
  }

  @Test
  void duplicateWordsKeepTheFirstVector() {
    String text = "a 1 2\nb 3 4\na 5 6\n";
    VectorPack pack = read(text.getBytes(StandardCharsets.UTF_8), VectorFormat.GLOVE);
    assertThat(pack.size()).isEqualTo(2);
    assertThat(pack.data()).containsExactly(1, 2, 3, 4);
  }

  private static void assertBad(byte[] content, VectorFormat format, String... fragments) {
    assertThatThrownBy(() -> read(content, format))
        .isInstanceOf(VectorFileException.class)
        .hasMessageContaining("test.vec")
        .satisfies(e -> assertThat(e.getMessage()).contains(fragments));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void rejectsALineWithTooFewValues() {
    assertBad(utf8("3 2\na 1 2\nb 1\nc 1 2\n"), VectorFormat.AUTO,
        "line 3 (byte offset 10)", "expected a word and 2 values (dimension from the header)",
        "found 1 values", "truncated line");
  }

  @Test
  void rejectsADimensionThatDisagreesWithTheHeader() {
    assertBad(utf8("2 3\na 1 2 3 4\nb 1 2 3 4\n"), VectorFormat.WORD2VEC_TEXT,
        "line 2", "expected a word and 3 values (dimension from the header), found 4 values");
  }

  @Test
  void rejectsGloveLinesThatDisagreeWithTheFirstLine() {
    assertBad(utf8("a 1 2 3\nb 1 2\n"), VectorFormat.AUTO,
        "line 2", "expected a word and 3 values (dimension from the first line), found 2");
  }

  @Test
  void rejectsAWordContainingASpace() {
    assertBad(utf8("2 3\nnew york 1 2 3\nb 1 2 3\n"), VectorFormat.AUTO,
        "line 2", "the word seems to contain a space (\"new york\")");
  }

  @Test
  void rejectsBytesThatAreNotUtf8() {
    byte[] bad = utf8("2 2\na 1 2\nXX 3 4\n");
    bad[10] = (byte) 0xff;
    bad[11] = (byte) 0xfe;
    assertBad(bad, VectorFormat.AUTO, "line 3 (byte offset 10)", "not valid UTF-8");
  }

  @Test
  void rejectsAValueThatIsNotANumber() {
    assertBad(utf8("a 1 2\nb 3 x4\n"), VectorFormat.GLOVE,
        "line 2", "value 2 is \"x4\", expected a decimal number");
  }

  @Test
  void rejectsATextFileShorterThanItsHeader() {
    assertBad(utf8("3 2\na 1 2\nb 3 4\n"), VectorFormat.AUTO,
        "the header announces 3 vectors, found 2");
  }

  @Test
  void rejectsAMissingHeaderWhenTheFormatNeedsOne() {
    assertBad(utf8("a 1 2\n"), VectorFormat.FASTTEXT_VEC,
        "line 1", "expected a header line 'N D' (two integers) for format fasttext-vec");
  }

  @Test
  void rejectsATruncatedBinaryFile() {
    byte[] full = VectorFiles.binary(VectorFiles.sample(), true);
    byte[] cut = Arrays.copyOf(full, full.length - 7);
    // records are "word " + 16 bytes + "\n"; the last one ("end.") starts 22 bytes from the end
    assertBad(cut, VectorFormat.AUTO,
        "record 5 at byte offset " + (full.length - 22),
        "file ends at byte " + cut.length, "after 10 of 16 value bytes",
        "announces 5 records of 4 float32 values");
  }

  @Test
  void rejectsABinaryFileWhoseDimensionDisagreesWithTheHeader() {
    byte[] ok = VectorFiles.binary(VectorFiles.sample(), true);
    byte[] wrong = ok.clone();
    wrong[2] = '3'; // "5 4" -> "5 3": records are read 4 bytes short and drift out of alignment
    assertThatThrownBy(() -> read(wrong, VectorFormat.AUTO))
        .isInstanceOf(VectorFileException.class)
        .hasMessageContaining("test.vec, record 3 at byte offset 44")
        .hasMessageContaining("does the header's dimension match");
  }

  @Test
  void rejectsATruncatedGzipFile() {
    byte[] gz = VectorFiles.gzip(VectorFiles.text(VectorFiles.sample(), true, false));
    assertBad(Arrays.copyOf(gz, gz.length - 20), VectorFormat.AUTO, "truncated or corrupt");
  }

  @Property(tries = 60)
  void textAndBinaryRoundTripArbitraryVectors(
      @ForAll @Size(min = 1, max = 20) @UniqueElements
          java.util.List<@AlphaChars @StringLength(min = 1, max = 12) String> words,
      @ForAll @IntRange(min = 1, max = 9) int dim,
      @ForAll long seed) {
    java.util.Random rnd = new java.util.Random(seed);
    Map<String, float[]> v = new LinkedHashMap<>();
    for (String w : words) {
      float[] x = new float[dim];
      for (int i = 0; i < dim; i++) {
        x[i] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(7) - 3));
      }
      v.put(w, x);
    }
    assertSame(read(VectorFiles.text(v, true, false), VectorFormat.AUTO), v);
    assertSame(read(VectorFiles.binary(v, true), VectorFormat.AUTO), v);
    assertSame(read(VectorFiles.gzip(VectorFiles.text(v, false, true)), VectorFormat.GLOVE), v);
  }
}
