package io.attnsum.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.attnsum.testing.TestSettings;
import io.attnsum.text.Language;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import onnx.Onnx;
import org.apache.hadoop.conf.Configuration;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver's check of a user's encoder ({@code encoder.path}) before anything expensive runs,
 * and which encoder each language gets. No Spark: {@link EncoderStage#check} reads the files.
 */
class EncoderStageTest {
  private static final Configuration CONF = new Configuration();
  @TempDir Path dir;

  private static EncoderSettings settings(Path folder, String... more) {
    String[] sets = Arrays.copyOf(more, more.length + 1);
    sets[more.length] = "encoder.path=" + folder;
    return TestSettings.job(sets).encoder();
  }

  @Test
  void aFolderWithTheTinyBertPasses() {
    Path folder = TinyBert.writeTo(dir.resolve("ok"));
    for (String mode : new String[] {"static", "contextual"}) {
      EncoderStage.check(settings(folder, "encoder.mode=" + mode), CONF);
    }
  }

  @Test
  void aMissingModelIsReportedByName() throws Exception {
    Path folder = TinyBert.writeTo(dir.resolve("no-model"));
    Files.delete(folder.resolve("model.onnx"));
    assertRejected(folder, "model.onnx")
        .hasMessageContaining("does not exist; encoder.path must be a folder holding model.onnx");
  }

  @Test
  void aMissingFolderIsReportedByTheFileItShouldHold() {
    assertRejected(dir.resolve("nowhere"), "tokenizer.json").hasMessageContaining("does not exist");
  }

  @Test
  void aTruncatedModelIsReportedByName() throws Exception {
    Path folder = TinyBert.writeTo(dir.resolve("truncated"));
    byte[] model = TinyBert.onnx();
    Files.write(folder.resolve("model.onnx"), Arrays.copyOf(model, model.length / 2));
    assertRejected(folder, "model.onnx")
        .hasMessageContaining("is not a readable ONNX model (truncated or corrupt?)");
  }

  @Test
  void anOnnxGraphThatIsNotBertIsReportedByName() throws Exception {
    Path folder = TinyBert.writeTo(dir.resolve("linear"));
    Onnx.GraphProto graph = Onnx.GraphProto.newBuilder()
        .setName("linear")
        .addNode(Onnx.NodeProto.newBuilder().setOpType("MatMul").addInput("x").addInput("w")
            .addOutput("y"))
        .addInput(Onnx.ValueInfoProto.newBuilder().setName("x"))
        .addOutput(Onnx.ValueInfoProto.newBuilder().setName("y"))
        .build();
    Files.write(folder.resolve("model.onnx"), Onnx.ModelProto.newBuilder().setIrVersion(7)
        .setGraph(graph).build().toByteArray());
    assertRejected(folder, "model.onnx").hasMessageContaining(
        "not a BERT-family encoder: no initializer embeddings.word_embeddings.weight");
  }

  @Test
  void aBpeTokenizerIsReportedByName() throws Exception {
    Path folder = TinyBert.writeTo(dir.resolve("bpe"));
    ObjectNode json = tokenizerJson();
    ((ObjectNode) json.get("model")).put("type", "BPE");
    Files.write(folder.resolve("tokenizer.json"), new ObjectMapper().writeValueAsBytes(json));
    assertRejected(folder, "tokenizer.json")
        .hasMessageContaining("model.type is BPE; expected WordPiece (a BERT-family tokenizer)");
  }

  /** A tokenizer of another model: ids beyond the model's embedding table. */
  @Test
  void aTokenizerLargerThanTheModelsVocabularyIsReported() throws Exception {
    Path folder = TinyBert.writeTo(dir.resolve("larger"));
    ObjectNode json = tokenizerJson();
    ((ObjectNode) json.get("model").get("vocab")).put("unbelievable", TinyBert.VOCAB_SIZE + 6);
    Files.write(folder.resolve("tokenizer.json"), new ObjectMapper().writeValueAsBytes(json));
    assertRejected(folder, "tokenizer.json")
        .hasMessageContaining("has piece ids up to " + (TinyBert.VOCAB_SIZE + 6))
        .hasMessageContaining(folder.resolve("model.onnx") + " embeds " + TinyBert.VOCAB_SIZE
            + " ids; expected the tokenizer.json that was exported with this model");
  }

  /** Built-in encoders and word-vectors mode have nothing to check. */
  @Test
  void onlyAUsersEncoderIsChecked() {
    EncoderStage.check(TestSettings.job().encoder(), CONF);
    EncoderStage.check(settings(dir.resolve("nowhere"), "encoder.mode=word-vectors"), CONF);
  }

  @Test
  void eachLanguageGetsItsBuiltInEncoderUnlessOneIsNamed() {
    EncoderSettings auto = TestSettings.job().encoder();
    assertThat(EncoderStage.source(auto, Language.EN).name()).isEqualTo("all-minilm-l6-v2");
    assertThat(EncoderStage.source(auto, Language.ZH).name()).isEqualTo("bge-small-zh-v1.5");
    assertThat(EncoderStage.source(auto, Language.ZH).pooling()).isEqualTo(Pooling.CLS);
    EncoderSettings named = TestSettings.job("encoder.model=bge-small-zh-v1.5").encoder();
    assertThat(EncoderStage.source(named, Language.EN).name()).isEqualTo("bge-small-zh-v1.5");
    Path folder = TinyBert.writeTo(dir.resolve("own"));
    EncoderSettings own = settings(folder, "encoder.pooling=cls");
    for (Language language : Language.values()) {
      EncoderSource s = EncoderStage.source(own, language);
      assertThat(s.builtIn()).isFalse();
      assertThat(s.onnx()).isEqualTo(folder.resolve("model.onnx").toString());
      assertThat(s.tokenizer()).isEqualTo(folder.resolve("tokenizer.json").toString());
      assertThat(s.pooling()).isEqualTo(Pooling.CLS);
    }
  }

  /** The model's hash in the manifest and the static pack's name: both files, in that order. */
  @Test
  void theHashCoversTheModelAndItsTokenizer() throws Exception {
    Path folder = TinyBert.writeTo(dir.resolve("hash"));
    EncoderSource source = EncoderStage.source(settings(folder), Language.EN);
    ByteArrayOutputStream both = new ByteArrayOutputStream();
    both.write(TinyBert.onnx());
    both.write(TinyBert.tokenizerJson());
    String expected = HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(both.toByteArray()));
    assertThat(EncoderStage.hash(source, CONF, false).sha256()).isEqualTo(expected);
    // Contextual mode reads the model's width from the bytes it hashes: same hash.
    EncoderStage.Hashed withWidth = EncoderStage.hash(source, CONF, true);
    assertThat(withWidth.sha256()).isEqualTo(expected);
    assertThat(withWidth.hiddenWidth()).isEqualTo(TinyBert.HIDDEN);
    assertThat(EncoderStage.hash(source, CONF, false).hiddenWidth()).isEqualTo(-1);
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertRejected(Path folder, String file) {
    String expected = folder.resolve(file).toString();
    return assertThatThrownBy(() -> EncoderStage.check(settings(folder), CONF))
        .isInstanceOf(EncoderFileException.class)
        .satisfies(e -> assertThat(((EncoderFileException) e).fileName()).isEqualTo(expected))
        .hasMessageStartingWith(expected + ": ");
  }

  private static ObjectNode tokenizerJson() throws Exception {
    return (ObjectNode) new ObjectMapper().readTree(TinyBert.tokenizerJson());
  }
}
