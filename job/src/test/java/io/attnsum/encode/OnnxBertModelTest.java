package io.attnsum.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.function.UnaryOperator;
import onnx.Onnx;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.nd4j.shade.protobuf.ByteString;
import org.nd4j.shade.protobuf.CodedInputStream;

/** Reading ONNX files: the two shipped encoders' shapes, and files that are not usable. */
class OnnxBertModelTest {
  private static final String NAME = "model.onnx";

  @Test
  void readsTheShapeOfTheEnglishEncoder() throws Exception {
    byte[] bytes = ReferenceModels.MINILM.onnxBytes();
    OnnxBertModel model = OnnxBertModel.read(new ByteArrayInputStream(bytes), NAME);
    // all-MiniLM-L6-v2's config.json: 6 layers, hidden 384, 12 heads, FFN 1536, eps 1e-12.
    assertThat(model.config()).isEqualTo(new BertConfig(30522, 384, 12, 6, 1536, 512, 2, 1e-12f,
        (float) (1 / Math.sqrt(32))));
    assertThat(model.sha256()).isEqualTo(sha256(bytes));
    assertThat(model.file()).isEqualTo(NAME);
    assertThat(model.layers()).hasSize(6);
    assertThat(model.wordEmbeddings()).hasSize(30522 * 384);
    assertThat(model.layers().get(5).intermediate().weight()).hasSize(384 * 1536);
    assertThat(OnnxBertModel.hiddenWidth(new ByteArrayInputStream(bytes), NAME)).isEqualTo(384);
  }

  @Test
  void readsTheShapeOfTheChineseEncoder() throws Exception {
    byte[] bytes = ReferenceModels.BGE_ZH.onnxBytes();
    OnnxBertModel model = OnnxBertModel.read(new ByteArrayInputStream(bytes), NAME);
    // bge-small-zh-v1.5's config.json: 4 layers, hidden 512, 8 heads, FFN 2048, eps 1e-12.
    BertConfig c = model.config();
    assertThat(c).isEqualTo(new BertConfig(21128, 512, 8, 4, 2048, 512, 2, 1e-12f, 0.125f));
    assertThat(c.headSize()).isEqualTo(64);
    assertThat(model.sha256()).isEqualTo(sha256(bytes));
    assertThat(OnnxBertModel.hiddenWidth(new ByteArrayInputStream(bytes), NAME)).isEqualTo(512);
  }

  @Test
  void theWidthOfAFileThatIsNotAModelIsNotGuessed() {
    byte[] bytes = ReferenceModels.MINILM.onnxBytes();
    assertThatThrownBy(() -> OnnxBertModel.hiddenWidth(
            new ByteArrayInputStream(Arrays.copyOf(bytes, bytes.length / 3)), NAME))
        .isInstanceOf(EncoderFileException.class)
        .hasMessageContaining("not a readable ONNX model (truncated or corrupt?)");
    assertThatThrownBy(() -> OnnxBertModel.hiddenWidth(new ByteArrayInputStream(new byte[0]), NAME))
        .isInstanceOf(EncoderFileException.class)
        .hasMessageContaining("is empty; expected an ONNX model");
  }

  @Test
  void anEmptyFileIsNotAModel() {
    assertRejected(new byte[0]).hasMessageContaining("is empty; expected an ONNX model");
  }

  @Test
  void aTruncatedFileIsReported() {
    byte[] bytes = ReferenceModels.MINILM.onnxBytes();
    assertRejected(Arrays.copyOf(bytes, bytes.length / 3))
        .hasMessageContaining("not a readable ONNX model (truncated or corrupt?)");
  }

  @Test
  void randomBytesAreReported() {
    byte[] noise = new byte[1 << 20];
    new Random(11).nextBytes(noise);
    assertRejected(noise).hasMessageContaining("not a readable ONNX model");
  }

  @Test
  void anOnnxGraphThatIsNotBertIsReported() {
    Onnx.TensorProto weight = Onnx.TensorProto.newBuilder()
        .setName("w").addDims(2).addDims(2).setDataType(Onnx.TensorProto.DataType.FLOAT_VALUE)
        .addAllFloatData(java.util.List.of(1f, 0f, 0f, 1f)).build();
    Onnx.GraphProto graph = Onnx.GraphProto.newBuilder()
        .setName("linear")
        .addNode(Onnx.NodeProto.newBuilder().setOpType("MatMul").addInput("x").addInput("w")
            .addOutput("y"))
        .addInitializer(weight)
        .addInput(Onnx.ValueInfoProto.newBuilder().setName("x"))
        .addOutput(Onnx.ValueInfoProto.newBuilder().setName("y"))
        .build();
    byte[] bytes = Onnx.ModelProto.newBuilder().setIrVersion(7).setGraph(graph)
        .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setVersion(11)).build().toByteArray();
    assertRejected(bytes).hasMessage(NAME + ": not a BERT-family encoder: no"
        + " initializer embeddings.word_embeddings.weight");
  }

  /** Structural checks on the real English graph with one thing changed each. */
  @Test
  void bertGraphsWithTheWrongStructureAreReported() throws IOException {
    Onnx.ModelProto model = parse(ReferenceModels.MINILM.onnxBytes());
    // GELU by tanh instead of erf (the "gelu_new" of GPT-2-style models)
    assertRejected(mutate(model, g -> {
      Onnx.GraphProto.Builder b = g.toBuilder();
      for (Onnx.NodeProto.Builder n : b.getNodeBuilderList()) {
        if (n.getOpType().equals("Erf")) {
          n.setOpType("Tanh");
        }
      }
      return b.build();
    })).hasMessageContaining("not a BERT-family encoder: expected the erf GELU"
        + " x * 0.5 * (1 + erf(x / sqrt(2))) after encoder.layer.0.intermediate.dense");
    // a layer's weight missing
    assertRejected(mutate(model, g -> {
      Onnx.GraphProto.Builder b = g.toBuilder();
      for (int i = 0; i < b.getInitializerCount(); i++) {
        if (b.getInitializer(i).getName().equals("encoder.layer.3.output.dense.bias")) {
          b.removeInitializer(i);
          break;
        }
      }
      return b.build();
    })).hasMessageContaining("no initializer encoder.layer.3.output.dense.bias");
    // a weight whose bytes do not fill its shape
    assertRejected(mutate(model, g -> {
      Onnx.GraphProto.Builder b = g.toBuilder();
      for (Onnx.TensorProto.Builder t : b.getInitializerBuilderList()) {
        if (t.getName().equals("embeddings.LayerNorm.weight")) {
          t.setRawData(ByteString.copyFrom(new byte[100]));
        }
      }
      return b.build();
    })).hasMessageContaining("tensor embeddings.LayerNorm.weight [384] holds 100 bytes; expected"
        + " 1536");
  }

  @Test
  void theHashIsTheFilesSha256() throws Exception {
    byte[] bytes = ReferenceModels.MINILM.onnxBytes();
    String once = OnnxBertModel.read(new ByteArrayInputStream(bytes), "a").sha256();
    assertThat(once).isEqualTo(sha256(bytes)).hasSize(64);
    byte[] other = bytes.clone();
    other[other.length / 2] ^= 1; // a different file, still a model: one bit of the word table
    OnnxBertModel changed = OnnxBertModel.read(new ByteArrayInputStream(other), "b");
    assertThat(changed.sha256()).isNotEqualTo(once);
    assertThat(changed.config().hidden()).isEqualTo(384);
    assertThat(changed.config().attentionScale()).isCloseTo(0.17677669f, within(1e-7f));
  }

  @Test
  void aStreamThatFailsIsReported() {
    InputStream failing = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("disk gone");
      }
    };
    assertThatThrownBy(() -> OnnxBertModel.read(failing, NAME))
        .isInstanceOf(EncoderFileException.class)
        .hasMessage(NAME + ": cannot be read: disk gone");
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(byte[] bytes) {
    return assertThatThrownBy(() -> OnnxBertModel.read(new ByteArrayInputStream(bytes), NAME))
        .isInstanceOf(EncoderFileException.class)
        .satisfies(e -> assertThat(((EncoderFileException) e).fileName()).isEqualTo(NAME))
        .hasMessageStartingWith(NAME + ": ");
  }

  private static Onnx.ModelProto parse(byte[] bytes) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    in.setSizeLimit(Integer.MAX_VALUE);
    return Onnx.ModelProto.parseFrom(in);
  }

  private static byte[] mutate(Onnx.ModelProto model, UnaryOperator<Onnx.GraphProto> change) {
    return model.toBuilder().setGraph(change.apply(model.getGraph())).build().toByteArray();
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
