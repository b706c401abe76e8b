package io.attnsum.encode;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import onnx.Onnx;
import org.nd4j.shade.protobuf.CodedInputStream;

/**
 * A BERT-family encoder read from an ONNX file: its shape ({@link BertConfig}) and its weights as
 * Java arrays, ready for {@link BertEncoder}.
 *
 * <p>What counts as BERT-family is the graph that Hugging Face's BERT exports to ONNX (e.g. the
 * Xenova exports of all-MiniLM-L6-v2 and bge-small-zh-v1.5): word, absolute-position and
 * token-type embeddings summed and layer-normalised; then N post-LN layers of multi-head self
 * attention and a feed-forward layer with the exact (erf) GELU. The weights are found by their
 * PyTorch names ({@code embeddings.word_embeddings.weight}, {@code
 * encoder.layer.0.attention.self.query.bias}, ...); the exporter leaves the matrices of the linear
 * layers unnamed ({@code onnx::MatMul_787}), so each is found as the MatMul whose output the
 * layer's named bias is added to. Heads, the attention scale and the LayerNorm epsilon are read
 * from the graph's constants. Anything else fails with an {@link EncoderFileException} that says
 * what was expected.
 */
public final class OnnxBertModel {
  /** A linear layer y = x·weight + bias, {@code weight} row-major {@code [in, out]}. */
  public record Dense(float[] weight, float[] bias, int in, int out) {}

  /** A LayerNorm's gain and bias, {@code [hidden]} each. */
  public record Norm(float[] gamma, float[] beta) {}

  /** One transformer layer's weights. */
  public record Layer(
      Dense query,
      Dense key,
      Dense value,
      Dense attentionOutput,
      Norm attentionNorm,
      Dense intermediate,
      Dense output,
      Norm outputNorm) {}

  private final String file;
  private final String sha256;
  private final BertConfig config;
  private final float[] wordEmbeddings;
  private final float[] positionEmbeddings;
  private final float[] tokenTypeEmbeddings;
  private final Norm embeddingNorm;
  private final List<Layer> layers;

  private OnnxBertModel(String file, String sha256, BertConfig config, float[] wordEmbeddings,
      float[] positionEmbeddings, float[] tokenTypeEmbeddings, Norm embeddingNorm,
      List<Layer> layers) {
    this.file = file;
    this.sha256 = sha256;
    this.config = config;
    this.wordEmbeddings = wordEmbeddings;
    this.positionEmbeddings = positionEmbeddings;
    this.tokenTypeEmbeddings = tokenTypeEmbeddings;
    this.embeddingNorm = embeddingNorm;
    this.layers = layers;
  }

  /**
   * Reads a whole ONNX file and checks that it is a BERT-family encoder.
   *
   * @param in the file's bytes (read to the end, not closed)
   * @param file the file's name for messages
   * @throws EncoderFileException if the stream fails, the bytes are not an ONNX model, or the
   *     graph is not a BERT-family encoder
   */
  public static OnnxBertModel read(InputStream in, String file) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
    byte[] bytes;
    try {
      bytes = new DigestInputStream(in, sha).readAllBytes();
    } catch (IOException e) {
      throw new EncoderFileException(file, "cannot be read: " + e.getMessage(), e);
    }
    String hash = HexFormat.of().formatHex(sha.digest());
    return fromGraph(graph(bytes, file), hash);
  }

  /**
   * The hidden width of an ONNX BERT encoder, read from its word embedding's shape without
   * copying any weight: what a driver needs for the manifest when only the executors run the
   * model.
   *
   * @throws EncoderFileException if the stream fails, the bytes are not an ONNX model, or it has
   *     no word embedding initializer
   */
  public static int hiddenWidth(InputStream in, String file) {
    byte[] bytes;
    try {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new EncoderFileException(file, "cannot be read: " + e.getMessage(), e);
    }
    return (int) graph(bytes, file).initializer("embeddings.word_embeddings.weight", 2).getDims(1);
  }

  private static OnnxGraph graph(byte[] bytes, String file) {
    if (bytes.length == 0) {
      throw new EncoderFileException(file, "is empty; expected an ONNX model");
    }
    Onnx.ModelProto model;
    try {
      // From an array the parser has no size limit (a stream's is 64 MB by default, below the
      // size of these models), and aliasing lets each raw_data field point into `bytes` rather
      // than copy it.
      CodedInputStream coded = CodedInputStream.newInstance(bytes);
      coded.enableAliasing(true);
      coded.setSizeLimit(Integer.MAX_VALUE);
      model = Onnx.ModelProto.parseFrom(coded);
    } catch (IOException e) { // InvalidProtocolBufferException: truncated or not protobuf
      throw new EncoderFileException(file, "is not a readable ONNX model (truncated or corrupt?): "
          + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new EncoderFileException(file, "is not a readable ONNX model: " + e, e);
    }
    if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
      throw new EncoderFileException(file, "is not an ONNX model: it holds no graph ("
          + bytes.length + " bytes)");
    }
    return new OnnxGraph(file, model.getGraph());
  }

  private static OnnxBertModel fromGraph(OnnxGraph g, String hash) {
    for (Onnx.NodeProto n : g.proto().getNodeList()) {
      if (n.getOpType().equals("CumSum")) {
        // RoBERTa / XLM-R derive position ids from the input ids (padding offset); BERT's are
        // 0..n-1, which is what the encoder computes.
        throw g.notBert("node " + n.getName() + " (CumSum) computes position ids from the input"
            + " (RoBERTa-style); expected BERT's absolute positions 0..n-1");
      }
    }
    Onnx.TensorProto word = g.initializer("embeddings.word_embeddings.weight", 2);
    int vocab = (int) word.getDims(0);
    int hidden = (int) word.getDims(1);
    Onnx.TensorProto position = g.initializer("embeddings.position_embeddings.weight", 2);
    Onnx.TensorProto type = g.initializer("embeddings.token_type_embeddings.weight", 2);
    requireWidth(g, position, hidden);
    requireWidth(g, type, hidden);
    float[] epsilon = {Float.NaN};
    Norm embeddingNorm = norm(g, "embeddings.LayerNorm", hidden, epsilon);

    List<Layer> layers = new ArrayList<>();
    int intermediate = -1;
    int heads = -1;
    float scale = Float.NaN;
    for (int i = 0; g.hasInitializer(prefix(i) + "attention.self.query.bias"); i++) {
      String p = prefix(i);
      Dense query = dense(g, p + "attention.self.query", hidden, hidden);
      Dense key = dense(g, p + "attention.self.key", hidden, hidden);
      Dense value = dense(g, p + "attention.self.value", hidden, hidden);
      Dense attentionOutput = dense(g, p + "attention.output.dense", hidden, hidden);
      Norm attentionNorm = norm(g, p + "attention.output.LayerNorm", hidden, epsilon);
      Dense inter = dense(g, p + "intermediate.dense", hidden, -1);
      if (intermediate < 0) {
        intermediate = inter.out();
      } else if (inter.out() != intermediate) {
        throw g.notBert(p + "intermediate.dense has width " + inter.out() + ", layer 0 has "
            + intermediate);
      }
      requireErfGelu(g, p + "intermediate.dense");
      Dense output = dense(g, p + "output.dense", intermediate, hidden);
      Norm outputNorm = norm(g, p + "output.LayerNorm", hidden, epsilon);
      if (i == 0) {
        heads = heads(g, p + "attention.self.key", hidden);
        scale = attentionScale(g, hidden / heads);
      }
      layers.add(new Layer(query, key, value, attentionOutput, attentionNorm, inter, output,
          outputNorm));
    }
    if (layers.isEmpty()) {
      throw g.notBert("no initializer " + prefix(0) + "attention.self.query.bias");
    }
    requirePostLnOutput(g, prefix(layers.size() - 1) + "output.LayerNorm.bias");
    BertConfig config = new BertConfig(vocab, hidden, heads, layers.size(), intermediate,
        (int) position.getDims(0), (int) type.getDims(0), epsilon[0], scale);
    return new OnnxBertModel(g.file(), hash, config, g.floats(word), g.floats(position),
        g.floats(type), embeddingNorm, List.copyOf(layers));
  }

  private static String prefix(int layer) {
    return "encoder.layer." + layer + ".";
  }

  private static void requireWidth(OnnxGraph g, Onnx.TensorProto t, int hidden) {
    if (t.getDims(1) != hidden) {
      throw g.notBert("initializer " + t.getName() + " has shape " + t.getDimsList()
          + ", expected [*, " + hidden + "] like embeddings.word_embeddings.weight");
    }
  }

  /**
   * The linear layer whose bias is {@code name + ".bias"}: the MatMul with a weight initializer
   * {@code [in, out]} whose output that bias is added to. {@code in} or {@code out} of -1 takes
   * the weight's.
   */
  private static Dense dense(OnnxGraph g, String name, int in, int out) {
    Onnx.TensorProto bias = g.initializer(name + ".bias", 1);
    Onnx.NodeProto add = g.consumer(bias.getName(), "Add");
    String product = add == null ? null : OnnxGraph.otherInput(add, bias.getName());
    Onnx.NodeProto matmul = product == null ? null : g.producer(product);
    Onnx.TensorProto weight = matmul != null && matmul.getOpType().equals("MatMul")
        && matmul.getInputCount() == 2 ? g.constant(matmul.getInput(1)) : null;
    if (weight == null) {
      throw g.notBert("expected " + bias.getName() + " to be added to a MatMul of the layer input"
          + " with a weight initializer; it is read by " + g.consumerOps(bias.getName()));
    }
    int wantIn = in < 0 ? (int) weight.getDims(0) : in;
    int wantOut = out < 0 ? (int) weight.getDims(1) : out;
    if (weight.getDimsCount() != 2 || weight.getDims(0) != wantIn || weight.getDims(1) != wantOut
        || bias.getDims(0) != wantOut) {
      throw g.notBert("the weight of " + name + " (" + weight.getName() + ") has shape "
          + weight.getDimsList() + " and its bias " + bias.getDimsList() + "; expected ["
          + wantIn + ", " + wantOut + "] and [" + wantOut + "]");
    }
    return new Dense(g.floats(weight), g.floats(bias), wantIn, wantOut);
  }

  /**
   * The LayerNorm {@code name}: its gain and bias, and its epsilon, which must equal every other
   * LayerNorm's ({@code epsilon[0]}, NaN before the first). The epsilon is read from the
   * LayerNormalization node, or from PyTorch's decomposition (x − mean) / sqrt(var + ε) · γ + β,
   * walking from γ's Mul back to the Add of ε.
   */
  private static Norm norm(OnnxGraph g, String name, int hidden, float[] epsilon) {
    Onnx.TensorProto gamma = g.initializer(name + ".weight", 1);
    Onnx.TensorProto beta = g.initializer(name + ".bias", 1);
    if (gamma.getDims(0) != hidden || beta.getDims(0) != hidden) {
      throw g.notBert(name + " has shapes " + gamma.getDimsList() + " and " + beta.getDimsList()
          + "; expected [" + hidden + "]");
    }
    double eps = Double.NaN;
    Onnx.NodeProto fused = g.consumer(gamma.getName(), "LayerNormalization");
    if (fused != null) {
      eps = 1e-5; // the op's default
      for (Onnx.AttributeProto a : fused.getAttributeList()) {
        if (a.getName().equals("epsilon")) {
          eps = a.getF();
        }
      }
    } else {
      Onnx.NodeProto mul = g.consumer(gamma.getName(), "Mul");
      Onnx.NodeProto div =
          mul == null ? null : g.producer(OnnxGraph.otherInput(mul, gamma.getName()));
      Onnx.NodeProto sqrt = div == null || !div.getOpType().equals("Div") ? null
          : g.producer(div.getInput(1));
      Onnx.NodeProto add = sqrt == null || !sqrt.getOpType().equals("Sqrt") ? null
          : g.producer(sqrt.getInput(0));
      if (add != null && add.getOpType().equals("Add")) {
        for (String input : add.getInputList()) {
          if (!Double.isNaN(g.scalar(input))) {
            eps = g.scalar(input);
          }
        }
      }
    }
    if (Double.isNaN(eps)) {
      throw g.notBert("cannot find the epsilon of " + name + ": expected a LayerNormalization"
          + " node or (x - mean) / sqrt(variance + epsilon) * " + gamma.getName());
    }
    if (Float.isNaN(epsilon[0])) {
      epsilon[0] = (float) eps;
    } else if ((float) eps != epsilon[0]) {
      throw g.notBert(name + " has epsilon " + eps + ", embeddings.LayerNorm " + epsilon[0]);
    }
    return new Norm(g.floats(gamma), g.floats(beta));
  }

  /**
   * Heads per layer, from the Reshape of the key projection to {@code [batch, seq, heads,
   * headSize]}: its shape is a constant or a Concat whose last two parts are constants.
   */
  private static int heads(OnnxGraph g, String key, int hidden) {
    Onnx.NodeProto add = g.consumer(key + ".bias", "Add");
    Onnx.NodeProto reshape = add == null ? null : g.consumer(add.getOutput(0), "Reshape");
    double[] shape = null;
    if (reshape != null && reshape.getInputCount() == 2) {
      Onnx.TensorProto direct = g.constant(reshape.getInput(1));
      Onnx.NodeProto concat = g.producer(reshape.getInput(1));
      if (direct != null) {
        shape = OnnxGraph.numbers(direct);
      } else if (concat != null && concat.getOpType().equals("Concat")
          && concat.getInputCount() == 4) {
        shape = new double[] {0, 0, g.scalar(concat.getInput(2)), g.scalar(concat.getInput(3))};
      }
    }
    if (shape == null || shape.length != 4) {
      throw g.notBert("cannot find the number of attention heads: expected the output of "
          + key + " reshaped to [batch, sequence, heads, head size]");
    }
    double heads = shape[2];
    double size = shape[3];
    if (!(heads >= 1) || heads * size != hidden) {
      throw g.notBert("the attention heads are reshaped to " + (long) heads + " x " + (long) size
          + ", which does not make the hidden size " + hidden);
    }
    return (int) heads;
  }

  /**
   * The factor on the query-key dot products: the first Softmax reads (Q·Kᵀ op c) + mask, with op
   * Div (factor 1/c) or Mul (factor c), or Q·Kᵀ + mask directly (factor 1, already folded into
   * the query weights).
   */
  private static float attentionScale(OnnxGraph g, int headSize) {
    Onnx.NodeProto softmax = null;
    for (Onnx.NodeProto n : g.proto().getNodeList()) {
      if (n.getOpType().equals("Softmax")) {
        softmax = n;
        break;
      }
    }
    Onnx.NodeProto masked = softmax == null ? null : g.producer(softmax.getInput(0));
    if (masked != null && masked.getOpType().equals("Add")) {
      for (String input : masked.getInputList()) {
        Onnx.NodeProto p = g.producer(input);
        if (p == null) {
          continue;
        }
        switch (p.getOpType()) {
          case "MatMul" -> {
            return 1f;
          }
          case "Div" -> {
            double c = g.scalar(p.getInput(1));
            if (c > 0 && isMatMul(g, p.getInput(0))) {
              return (float) (1 / c);
            }
          }
          case "Mul" -> {
            for (String factor : p.getInputList()) {
              double c = g.scalar(factor);
              if (c > 0 && isMatMul(g, OnnxGraph.otherInput(p, factor))) {
                return (float) c;
              }
            }
          }
          default -> { }
        }
      }
    }
    throw g.notBert("cannot find the attention scores: expected Softmax((Q·Kᵀ / √" + headSize
        + ") + mask)");
  }

  private static boolean isMatMul(OnnxGraph g, String value) {
    Onnx.NodeProto p = value == null ? null : g.producer(value);
    return p != null && p.getOpType().equals("MatMul");
  }

  /** BERT's GELU is the exact one, x·½(1 + erf(x/√2)), not the tanh approximation. */
  private static void requireErfGelu(OnnxGraph g, String dense) {
    Onnx.NodeProto add = g.consumer(dense + ".bias", "Add");
    String out = add.getOutput(0);
    for (Onnx.NodeProto scaled : g.consumers(out)) {
      if (scaled.getOpType().equals("Div") || scaled.getOpType().equals("Mul")) {
        if (g.consumer(scaled.getOutput(0), "Erf") != null) {
          return;
        }
      }
    }
    throw g.notBert("expected the erf GELU x * 0.5 * (1 + erf(x / sqrt(2))) after " + dense
        + "; its output is read by " + g.consumerOps(out));
  }

  /** Post-LN BERT: the graph's token states are the last layer's output LayerNorm. */
  private static void requirePostLnOutput(OnnxGraph g, String lastNormBias) {
    Onnx.GraphProto graph = g.proto();
    String output = graph.getOutputCount() == 0 ? null : graph.getOutput(0).getName();
    for (Onnx.ValueInfoProto o : graph.getOutputList()) {
      if (o.getName().equals("last_hidden_state")) {
        output = o.getName();
      }
    }
    Onnx.NodeProto last = output == null ? null : g.producer(output);
    if (last == null || !last.getInputList().contains(lastNormBias)) {
      throw g.notBert("expected the graph output " + output + " to be the last layer's output"
          + " LayerNorm (" + lastNormBias + ")");
    }
  }

  /** The file name given to {@link #read}. */
  public String file() {
    return file;
  }

  /** SHA-256 of the file's bytes, lower-case hex: a cache key for anything derived from it. */
  public String sha256() {
    return sha256;
  }

  public BertConfig config() {
    return config;
  }

  /** {@code [vocabSize, hidden]} row-major. */
  public float[] wordEmbeddings() {
    return wordEmbeddings;
  }

  /** {@code [maxPositions, hidden]} row-major. */
  public float[] positionEmbeddings() {
    return positionEmbeddings;
  }

  /** {@code [typeVocabSize, hidden]} row-major. */
  public float[] tokenTypeEmbeddings() {
    return tokenTypeEmbeddings;
  }

  public Norm embeddingNorm() {
    return embeddingNorm;
  }

  public List<Layer> layers() {
    return layers;
  }
}
