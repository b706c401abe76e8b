package io.attnsum.encode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.attnsum.encode.HuggingFaceReference.Line;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Token ids and word indices against Hugging Face's tokenizers on the same tokenizer.json: real
 * sentences of both languages (resources/encode/README.md), the adversarial set
 * (adversarial.jsonl: emoji, control characters, long words, accents, many scripts, literal
 * special tokens...), each through both built-in models, and the same set through variants of
 * the English file that exercise the options the built-in files leave at one value.
 */
class WordPieceTokenizerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<Line> ENGLISH =
      HuggingFaceReference.lines("/encode/sentences-en.jsonl");
  private static final List<Line> CHINESE =
      HuggingFaceReference.lines("/encode/sentences-zh.jsonl");
  private static final List<Line> ADVERSARIAL =
      HuggingFaceReference.lines("/encode/adversarial.jsonl");

  private static HuggingFaceReference english;
  private static HuggingFaceReference chinese;

  @BeforeAll
  static void load() {
    english = HuggingFaceReference.of(BuiltInEncoder.ALL_MINILM_L6_V2);
    chinese = HuggingFaceReference.of(BuiltInEncoder.BGE_SMALL_ZH_V1_5);
  }

  @AfterAll
  static void close() {
    english.close();
    chinese.close();
  }

  private static HuggingFaceReference reference(BuiltInEncoder encoder) {
    return encoder == BuiltInEncoder.ALL_MINILM_L6_V2 ? english : chinese;
  }

  @ParameterizedTest
  @EnumSource(BuiltInEncoder.class)
  void realSentencesOfBothLanguagesGiveHuggingFacesIds(BuiltInEncoder encoder) {
    assertThat(ENGLISH).hasSize(300);
    assertThat(CHINESE).hasSize(300);
    HuggingFaceReference ref = reference(encoder);
    ENGLISH.forEach(ref::assertSame);
    CHINESE.forEach(ref::assertSame);
  }

  @ParameterizedTest
  @EnumSource(BuiltInEncoder.class)
  void adversarialSetGivesHuggingFacesIds(BuiltInEncoder encoder) {
    assertThat(ADVERSARIAL).hasSizeGreaterThanOrEqualTo(60);
    ADVERSARIAL.forEach(reference(encoder)::assertSame);
  }

  /** Lines for the added tokens of the "added tokens" variant. */
  private static final List<Line> ADDED_TOKEN_LINES =
      List.of(
          new Line("normalized added token", "they said HELLO World and hello world"),
          new Line("raw added token beyond the vocabulary", "C++ and c++ or C+++"),
          new Line("added tokens glued", "Hello WorldC++[MASK]hello world"));

  static Stream<Arguments> variants() {
    return Stream.of(
        variant(
            "BertProcessing post-processor",
            root -> root.set("post_processor", JSON.createObjectNode()
                .put("type", "BertProcessing")
                .<ObjectNode>set("sep", JSON.createArrayNode().add("[SEP]").add(102))
                .set("cls", JSON.createArrayNode().add("[CLS]").add(101)))),
        variant(
            "normalizer and pre-tokenizer each in a one-element Sequence",
            root -> {
              ObjectNode n = JSON.createObjectNode().put("type", "Sequence");
              n.putArray("normalizers").add(root.get("normalizer"));
              root.set("normalizer", n);
              ObjectNode p = JSON.createObjectNode().put("type", "Sequence");
              p.putArray("pretokenizers").add(root.get("pre_tokenizer"));
              root.set("pre_tokenizer", p);
            }),
        variant(
            "lower-casing without accent stripping",
            root -> ((ObjectNode) root.get("normalizer")).put("strip_accents", false)),
        variant(
            "accent stripping without lower-casing",
            root -> ((ObjectNode) root.get("normalizer"))
                .put("strip_accents", true).put("lowercase", false)),
        variant(
            "no text cleaning and no CJK spacing",
            root -> ((ObjectNode) root.get("normalizer"))
                .put("clean_text", false).put("handle_chinese_chars", false)),
        variant(
            "words longer than 5 characters unknown",
            root -> ((ObjectNode) root.get("model")).put("max_input_chars_per_word", 5)),
        variant(
            "empty continuing-subword prefix",
            root -> ((ObjectNode) root.get("model")).put("continuing_subword_prefix", "")),
        variant(
            "added tokens: normalized, and beyond the vocabulary",
            root -> {
              ArrayNode added = (ArrayNode) root.get("added_tokens");
              added.add(addedToken(30522, "Hello World", true));
              added.add(addedToken(30523, "C++", false));
            }));
  }

  private static Arguments variant(String name, Consumer<ObjectNode> edit) {
    return Arguments.of(name, edit);
  }

  private static ObjectNode addedToken(int id, String content, boolean normalized) {
    return JSON.createObjectNode()
        .put("id", id)
        .put("content", content)
        .put("single_word", false)
        .put("lstrip", false)
        .put("rstrip", false)
        .put("normalized", normalized)
        .put("special", false);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variants")
  void variantsOfTheEnglishFileGiveHuggingFacesIds(String name, Consumer<ObjectNode> edit)
      throws IOException {
    ObjectNode root =
        (ObjectNode) JSON.readTree(HuggingFaceReference.bytes(BuiltInEncoder.ALL_MINILM_L6_V2));
    edit.accept(root);
    try (HuggingFaceReference ref = HuggingFaceReference.of(JSON.writeValueAsBytes(root))) {
      ADVERSARIAL.forEach(ref::assertSame);
      ADDED_TOKEN_LINES.forEach(ref::assertSame);
      ENGLISH.subList(0, 50).forEach(ref::assertSame);
    }
  }

  @Test
  void pieceIdsAreEncodeWithoutClsAndSep() {
    WordPieceTokenizer t = english.tokenizer();
    for (Line line : ADVERSARIAL) {
      int[] encoded = t.encode(line.text());
      assertThat(t.pieceIds(line.text()))
          .as(line.label())
          .isEqualTo(Arrays.copyOfRange(encoded, 1, encoded.length - 1));
      assertThat(t.encodeWithWords(line.text()).ids()).isEqualTo(encoded);
    }
  }

  @Test
  void emptyAndBlankTextGiveOnlyClsAndSep() {
    WordPieceTokenizer t = english.tokenizer();
    for (String text : new String[] {"", "   ", "\t\n", "\u0000\u200b"}) {
      assertThat(t.encode(text)).isEqualTo(new int[] {101, 102});
      assertThat(t.pieceIds(text)).isEmpty();
    }
  }

  @Test
  void accessorsDescribeTheVocabulary() {
    WordPieceTokenizer en = english.tokenizer();
    assertThat(en.clsId()).isEqualTo(101);
    assertThat(en.sepId()).isEqualTo(102);
    assertThat(en.padId()).isEqualTo(0);
    assertThat(en.unkId()).isEqualTo(100);
    assertThat(en.vocabSize()).isEqualTo(30522);
    assertThat(en.lowercase()).isTrue();
    assertThat(en.piece(101)).isEqualTo("[CLS]");
    assertThat(en.piece(en.pieceIds("tokenization")[1])).isEqualTo("##ization");
    WordPieceTokenizer zh = chinese.tokenizer();
    assertThat(zh.vocabSize()).isEqualTo(21128);
    assertThat(zh.lowercase()).isFalse();
    assertThat(zh.padId()).isEqualTo(0);
  }

  @Test
  void manyThreadsGetTheIdsOfOneThread() {
    WordPieceTokenizer t = english.tokenizer();
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      ENGLISH.forEach(l -> texts.add(l.text()));
      ADVERSARIAL.forEach(l -> texts.add(l.text()));
    }
    int[][] sequential = texts.stream().map(t::encode).toArray(int[][]::new);
    int[][] parallel =
        IntStream.range(0, texts.size())
            .parallel()
            .mapToObj(i -> t.encode(texts.get(i)))
            .toArray(int[][]::new);
    assertThat(parallel).isDeepEqualTo(sequential);
  }
}
