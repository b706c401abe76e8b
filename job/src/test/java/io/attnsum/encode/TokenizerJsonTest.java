package io.attnsum.encode;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Files that are not a BERT WordPiece tokenizer.json fail naming the file and the expectation. */
class TokenizerJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FILE = "hdfs:///models/mine/tokenizer.json";
  private static final byte[] ENGLISH = HuggingFaceReference.bytes(BuiltInEncoder.ALL_MINILM_L6_V2);

  private static WordPieceTokenizer read(byte[] json) {
    return WordPieceTokenizer.read(new ByteArrayInputStream(json), FILE);
  }

  private static byte[] edited(Consumer<ObjectNode> edit) throws IOException {
    ObjectNode root = (ObjectNode) JSON.readTree(ENGLISH);
    edit.accept(root);
    return JSON.writeValueAsBytes(root);
  }

  private static ObjectNode node(ObjectNode root, String field) {
    return (ObjectNode) root.get(field);
  }

  @Test
  void bpeModelIsRejected() {
    byte[] bpe =
        ("{\"version\":\"1.0\",\"normalizer\":null,\"pre_tokenizer\":{\"type\":\"ByteLevel\"},"
                + "\"model\":{\"type\":\"BPE\",\"vocab\":{\"a\":0},\"merges\":[]}}")
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> read(bpe))
        .isInstanceOf(EncoderFileException.class)
        .hasMessage(FILE + ": model.type is BPE; expected WordPiece (a BERT-family tokenizer)")
        .extracting(e -> ((EncoderFileException) e).fileName())
        .isEqualTo(FILE);
  }

  @Test
  void truncatedJsonIsRejected() {
    byte[] truncated = Arrays.copyOf(ENGLISH, 5000);
    assertThatThrownBy(() -> read(truncated))
        .isInstanceOf(EncoderFileException.class)
        .hasMessageStartingWith(FILE + ": is not valid JSON (")
        .hasMessageContaining("line ")
        .hasMessageEndingWith("; expected a Hugging Face tokenizer.json");
  }

  @Test
  void trailingContentIsRejected() {
    byte[] json = Arrays.copyOf(ENGLISH, ENGLISH.length + 2);
    json[json.length - 2] = '}';
    json[json.length - 1] = '}';
    assertThatThrownBy(() -> read(json))
        .isInstanceOf(EncoderFileException.class)
        .hasMessageStartingWith(FILE + ": is not valid JSON (");
  }

  @Test
  void emptyFileIsRejected() {
    assertThatThrownBy(() -> read(new byte[0]))
        .isInstanceOf(EncoderFileException.class)
        .hasMessage(
            FILE + ": is empty or not a JSON object; expected a Hugging Face tokenizer.json");
  }

  @Test
  void missingUnknownPieceIsRejected() throws IOException {
    byte[] json = edited(root -> node(node(root, "model"), "vocab").remove("[UNK]"));
    assertThatThrownBy(() -> read(json))
        .isInstanceOf(EncoderFileException.class)
        .hasMessageStartingWith(
            FILE + ": model.unk_token \"[UNK]\" is not in model.vocab; expected");
  }

  static Stream<Arguments> otherParts() {
    return Stream.of(
        Arguments.of(
            (Consumer<ObjectNode>) root -> node(root, "normalizer").put("type", "Lowercase"),
            "normalizer.type is Lowercase; expected BertNormalizer (a BERT-family tokenizer)"),
        Arguments.of(
            (Consumer<ObjectNode>) root -> {
              ObjectNode seq = JSON.createObjectNode().put("type", "Sequence");
              seq.putArray("normalizers")
                  .add(root.get("normalizer"))
                  .addObject()
                  .put("type", "Strip");
              root.set("normalizer", seq);
            },
            "normalizer is a Sequence of [BertNormalizer, Strip]; expected BertNormalizer"
                + " (a BERT-family tokenizer) (a Sequence only of it)"),
        Arguments.of(
            (Consumer<ObjectNode>) root -> root.putNull("normalizer"),
            "has no normalizer; expected BertNormalizer (a BERT-family tokenizer)"),
        Arguments.of(
            (Consumer<ObjectNode>) root -> node(root, "pre_tokenizer").put("type", "Whitespace"),
            "pre_tokenizer.type is Whitespace;"
                + " expected BertPreTokenizer (a BERT-family tokenizer)"),
        Arguments.of(
            (Consumer<ObjectNode>)
                root -> node(root, "post_processor").put("type", "RobertaProcessing"),
            "post_processor.type is RobertaProcessing;"
                + " expected TemplateProcessing \"[CLS] $A [SEP]\""
                + " or BertProcessing (a BERT-family tokenizer)"),
        Arguments.of(
            (Consumer<ObjectNode>) root -> node(root, "model").put("type", "Unigram"),
            "model.type is Unigram; expected WordPiece (a BERT-family tokenizer)"),
        Arguments.of(
            (Consumer<ObjectNode>) root -> node(root, "model").remove("continuing_subword_prefix"),
            "has no model.continuing_subword_prefix; expected a string"),
        Arguments.of(
            (Consumer<ObjectNode>) root -> node(root, "normalizer").put("lowercase", "yes"),
            "normalizer.lowercase is \"yes\"; expected true or false"),
        Arguments.of(
            (Consumer<ObjectNode>)
                root -> ((ObjectNode) root.get("added_tokens").get(4)).put("lstrip", true),
            "added_tokens[4] (\"[MASK]\") sets lstrip; expected added tokens matched as plain text,"
                + " as BERT-family tokenizers have them"),
        Arguments.of(
            (Consumer<ObjectNode>) root -> root.put("version", "2.0"),
            "version is \"2.0\"; expected \"1.0\" (a Hugging Face tokenizer.json)"));
  }

  @ParameterizedTest
  @MethodSource("otherParts")
  void otherPartsAreRejectedByName(Consumer<ObjectNode> edit, String problem) throws IOException {
    byte[] json = edited(edit);
    assertThatThrownBy(() -> read(json))
        .isInstanceOf(EncoderFileException.class)
        .hasMessage(FILE + ": " + problem);
  }
}
