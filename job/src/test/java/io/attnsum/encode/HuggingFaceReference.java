package io.attnsum.encode;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The independent reference for {@link WordPieceTokenizer}: Hugging Face's own tokenizers library
 * (Rust, 0.21, through DJL's JNI binding, whose jar carries the native library) on the same
 * tokenizer.json, with truncation and padding off and special tokens added, which is {@code
 * encode(text).ids} and {@code .word_ids} of Hugging Face's Python API.
 */
final class HuggingFaceReference implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One line of a test corpus: where it is from and its text. */
  record Line(String label, String text) {}

  private final HuggingFaceTokenizer reference;
  private final WordPieceTokenizer tokenizer;

  private HuggingFaceReference(byte[] json) throws IOException {
    reference =
        HuggingFaceTokenizer.newInstance(
            new ByteArrayInputStream(json),
            Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "true"));
    tokenizer = WordPieceTokenizer.read(new ByteArrayInputStream(json), "test tokenizer.json");
  }

  /** Both tokenizers on the given tokenizer.json. */
  static HuggingFaceReference of(byte[] json) {
    try {
      return new HuggingFaceReference(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Both tokenizers on a built-in encoder's tokenizer.json. */
  static HuggingFaceReference of(BuiltInEncoder encoder) {
    return of(bytes(encoder));
  }

  static byte[] bytes(BuiltInEncoder encoder) {
    try (InputStream in = encoder.open(encoder.tokenizerResource())) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  WordPieceTokenizer tokenizer() {
    return tokenizer;
  }

  /** Asserts that ids and word indices agree with Hugging Face's on {@code line}. */
  void assertSame(Line line) {
    Encoding expected = reference.encode(line.text());
    WordPieceTokenizer.Encoding actual = tokenizer.encodeWithWords(line.text());
    Supplier<String> why =
        () ->
            line.label() + ": " + line.text()
                + "\nHugging Face pieces " + Arrays.toString(expected.getTokens());
    assertThat(actual.ids()).as(why).isEqualTo(toInts(expected.getIds()));
    assertThat(actual.wordIds()).as(why).isEqualTo(toInts(expected.getWordIds()));
  }

  /** Hugging Face's ids for {@code text}. */
  int[] ids(String text) {
    return toInts(reference.encode(text).getIds());
  }

  /** The lines of a JSON-lines test resource: its "text", labelled by "case" or "id". */
  static List<Line> lines(String resource) {
    List<Line> lines = new ArrayList<>();
    try (InputStream in = HuggingFaceReference.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      String[] rows = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      for (String row : rows) {
        if (!row.isBlank()) {
          JsonNode n = JSON.readTree(row);
          String label = n.has("case") ? n.get("case").asText() : n.path("id").asText();
          lines.add(new Line(label, n.get("text").asText()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }

  private static int[] toInts(long[] values) {
    return Arrays.stream(values).mapToInt(Math::toIntExact).toArray();
  }

  @Override
  public void close() {
    reference.close();
  }
}
