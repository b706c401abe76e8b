package io.attnsum.encode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import onnx.Onnx;
import org.nd4j.shade.protobuf.ByteString;

/**
 * A small but real BERT-family encoder for tests: 2 layers, hidden 32, 4 heads, FFN 64, 64
 * positions, random weights from a fixed seed, written as the ONNX graph Hugging Face's BERT
 * export makes (the layout of the Xenova exports the job ships: opset 11, LayerNorm and the erf
 * GELU spelt out in primitive ops, linear weights as unnamed MatMul initializers next to named
 * biases, position ids sliced from {@code embeddings.position_ids}), with a matching BERT
 * WordPiece tokenizer.json of {@value #VOCAB_SIZE} pieces. {@code TinyBertTest} runs it with ONNX
 * Runtime to show that it is a faithful BERT graph. Built in milliseconds, so tests and ITs can
 * use it as {@code encoder.path} ({@link #writeTo}).
 */
public final class TinyBert {
  public static final int HIDDEN = 32;
  public static final int HEADS = 4;
  public static final int LAYERS = 2;
  public static final int INTERMEDIATE = 64;
  public static final int MAX_POSITIONS = 64;
  public static final float LAYER_NORM_EPSILON = 1e-12f;
  private static final long SEED = 20240522L;

  /** BERT's special pieces, in BERT's order (at 0 and after the unused block). */
  public static final int PAD = 0;
  public static final int UNK = 6;
  public static final int CLS = 7;
  public static final int SEP = 8;
  public static final int MASK = 9;

  /** The pieces by id. */
  public static final List<String> VOCAB = vocabulary();
  public static final int VOCAB_SIZE = VOCAB.size();

  private static final byte[] ONNX = buildOnnx();
  private static final byte[] TOKENIZER = buildTokenizer();

  private TinyBert() {}

  /** The ONNX file's bytes. */
  public static byte[] onnx() {
    return ONNX.clone();
  }

  /** The tokenizer.json's bytes (UTF-8). */
  public static byte[] tokenizerJson() {
    return TOKENIZER.clone();
  }

  /**
   * Writes {@code model.onnx} and {@code tokenizer.json} into {@code folder} (created if needed),
   * the layout {@code encoder.path} expects.
   *
   * @return {@code folder}
   */
  public static Path writeTo(Path folder) {
    try {
      Files.createDirectories(folder);
      Files.write(folder.resolve("model.onnx"), ONNX);
      Files.write(folder.resolve("tokenizer.json"), TOKENIZER);
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static OnnxBertModel model() {
    return OnnxBertModel.read(new ByteArrayInputStream(ONNX), "tiny-bert/model.onnx");
  }

  public static WordPieceTokenizer tokenizer() {
    return WordPieceTokenizer.read(new ByteArrayInputStream(TOKENIZER), "tiny-bert/tokenizer.json");
  }

  /** The shape the model has, as {@link OnnxBertModel} should read it. */
  public static BertConfig config() {
    return new BertConfig(VOCAB_SIZE, HIDDEN, HEADS, LAYERS, INTERMEDIATE, MAX_POSITIONS, 2,
        LAYER_NORM_EPSILON, (float) (1 / Math.sqrt(HIDDEN / HEADS)));
  }

  /**
   * BERT's layout in miniature: [PAD], [unused0..4], [UNK], [CLS], [SEP], [MASK]; punctuation,
   * digits and letters, each also as a ##continuation (so any lower-case Latin word splits into
   * pieces); common news words and suffixes; a few CJK characters (the normalizer splits CJK
   * text into characters). Other characters, such as emoji, are [UNK].
   */
  private static List<String> vocabulary() {
    List<String> v = new ArrayList<>(List.of("[PAD]", "[unused0]", "[unused1]", "[unused2]",
        "[unused3]", "[unused4]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"));
    for (char c : "!\"#$%&'()*+,-./:;<=>?@[]_`{}~£".toCharArray()) {
      v.add(String.valueOf(c));
    }
    for (char c = '0'; c <= '9'; c++) {
      v.add(String.valueOf(c));
    }
    for (char c = 'a'; c <= 'z'; c++) {
      v.add(String.valueOf(c));
    }
    for (String zh : "的 是 在 了 不 人 中 国 大 年 有 一 和 法 院 被 告 市 公 司".split(" ")) {
      v.add(zh);
    }
    v.addAll(List.of(("the of and to in is was for on that with said he it as at by from his be"
        + " have has are but not they this were had which an will their who been more would"
        + " its also one two new after first year years last people government minister party"
        + " election labour market sales company firm bank economy growth prices music film"
        + " game games world club play players win team best chief mr mrs uk us london britain"
        + " european china chinese court law could about over up out than there when what all"
        + " can if so into we may now some only other time just told being back against week"
        + " month record number under million billion per cent rise rose fell figures report"
        + " show set plans money tax news mobile phone phones users technology software net"
        + " online digital service services").split(" ")));
    for (char c = 'a'; c <= 'z'; c++) {
      v.add("##" + c);
    }
    for (char c = '0'; c <= '9'; c++) {
      v.add("##" + c);
    }
    v.addAll(List.of("##ed", "##ing", "##ly", "##er", "##es", "##ion", "##al", "##ers",
        "##ment", "##ity", "##ic", "##ive", "##est", "##ness", "##ous", "##able", "##ful",
        "##less", "##ism"));
    if (new java.util.HashSet<>(v).size() != v.size()) {
      throw new IllegalStateException("a piece is listed twice: the ids would have a gap");
    }
    return List.copyOf(v);
  }

  private static byte[] buildTokenizer() {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    ArrayNode added = root.putArray("added_tokens");
    for (int id : new int[] {PAD, UNK, CLS, SEP, MASK}) {
      added.addObject().put("id", id).put("content", VOCAB.get(id)).put("single_word", false)
          .put("lstrip", false).put("rstrip", false).put("normalized", false)
          .put("special", true);
    }
    root.putObject("normalizer").put("type", "BertNormalizer").put("clean_text", true)
        .put("handle_chinese_chars", true).putNull("strip_accents").put("lowercase", true);
    root.putObject("pre_tokenizer").put("type", "BertPreTokenizer");
    ObjectNode post = root.putObject("post_processor");
    post.put("type", "TemplateProcessing");
    ArrayNode single = post.putArray("single");
    single.addObject().putObject("SpecialToken").put("id", "[CLS]").put("type_id", 0);
    single.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
    single.addObject().putObject("SpecialToken").put("id", "[SEP]").put("type_id", 0);
    ArrayNode pair = post.putArray("pair");
    pair.addObject().putObject("SpecialToken").put("id", "[CLS]").put("type_id", 0);
    pair.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
    pair.addObject().putObject("SpecialToken").put("id", "[SEP]").put("type_id", 0);
    pair.addObject().putObject("Sequence").put("id", "B").put("type_id", 1);
    pair.addObject().putObject("SpecialToken").put("id", "[SEP]").put("type_id", 1);
    ObjectNode special = post.putObject("special_tokens");
    for (int id : new int[] {CLS, SEP}) {
      ObjectNode t = special.putObject(VOCAB.get(id));
      t.put("id", VOCAB.get(id));
      t.putArray("ids").add(id);
      t.putArray("tokens").add(VOCAB.get(id));
    }
    root.putObject("decoder").put("type", "WordPiece").put("prefix", "##").put("cleanup", true);
    ObjectNode model = root.putObject("model");
    model.put("type", "WordPiece").put("unk_token", "[UNK]")
        .put("continuing_subword_prefix", "##").put("max_input_chars_per_word", 100);
    ObjectNode vocab = model.putObject("vocab");
    for (int id = 0; id < VOCAB.size(); id++) {
      vocab.put(VOCAB.get(id), id);
    }
    try {
      return json.writerWithDefaultPrettyPrinter().writeValueAsString(root)
          .getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] buildOnnx() {
    return onnx(SEED);
  }

  /** The same graph with weights drawn from another seed: a different model of the same shape. */
  public static byte[] onnx(long seed) {
    return new GraphBuilder(new Random(seed)).build().toByteArray();
  }

  /** The exporter's graph, node by node, with value names in its style. */
  private static final class GraphBuilder {
    private final Random random;
    private final Onnx.GraphProto.Builder graph = Onnx.GraphProto.newBuilder().setName("main_graph");
    private int constants;
    private int matmuls;

    GraphBuilder(Random random) {
      this.random = random;
    }

    Onnx.ModelProto build() {
      graph.addInput(input("input_ids"));
      graph.addInput(input("attention_mask"));
      graph.addInput(input("token_type_ids"));
      // The additive mask: (1 - mask) * float-min, broadcast as [batch, 1, 1, sequence].
      node("Unsqueeze", "/Unsqueeze", List.of("attention_mask"), ints("axes", 1));
      node("Unsqueeze", "/Unsqueeze_1", List.of("/Unsqueeze_output_0"), ints("axes", 2));
      Onnx.NodeProto.Builder cast = node("Cast", "/Cast", List.of("/Unsqueeze_1_output_0"));
      cast.addAttribute(Onnx.AttributeProto.newBuilder().setName("to").setI(1)
          .setType(Onnx.AttributeProto.AttributeType.INT));
      String maskBias = mul(sub(scalar(1f), "/Cast_output_0", "/Sub"),
          scalar(-Float.MAX_VALUE), "/Mul");

      // Embeddings: word + token type + position (positions 0..n-1 sliced from position_ids).
      String word = weight("embeddings.word_embeddings.weight", 0.5, VOCAB_SIZE, HIDDEN);
      String position = weight("embeddings.position_embeddings.weight", 0.5, MAX_POSITIONS,
          HIDDEN);
      String type = weight("embeddings.token_type_embeddings.weight", 0.5, 2, HIDDEN);
      long[] positionIds = new long[MAX_POSITIONS];
      for (int i = 0; i < MAX_POSITIONS; i++) {
        positionIds[i] = i;
      }
      graph.addInitializer(longs("embeddings.position_ids", positionIds, 1, MAX_POSITIONS));
      node("Shape", "/embeddings/Shape", List.of("input_ids"));
      node("Gather", "/embeddings/Gather",
          List.of("/embeddings/Shape_output_0", longConstant(new long[] {1}, true)),
          ints("axis", 0));
      node("Unsqueeze", "/embeddings/Unsqueeze", List.of("/embeddings/Gather_output_0"),
          ints("axes", 0));
      node("Slice", "/embeddings/Slice", List.of("embeddings.position_ids",
          longConstant(new long[] {0}, false), "/embeddings/Unsqueeze_output_0",
          longConstant(new long[] {1}, false), longConstant(new long[] {1}, false)));
      node("Gather", "/embeddings/word_embeddings/Gather", List.of(word, "input_ids"));
      node("Gather", "/embeddings/token_type_embeddings/Gather", List.of(type, "token_type_ids"));
      node("Add", "/embeddings/Add", List.of("/embeddings/word_embeddings/Gather_output_0",
          "/embeddings/token_type_embeddings/Gather_output_0"));
      node("Gather", "/embeddings/position_embeddings/Gather",
          List.of(position, "/embeddings/Slice_output_0"));
      node("Add", "/embeddings/Add_1", List.of("/embeddings/Add_output_0",
          "/embeddings/position_embeddings/Gather_output_0"));
      String x = layerNorm("/embeddings/Add_1_output_0", "embeddings.LayerNorm",
          "/embeddings/LayerNorm");
      for (int l = 0; l < LAYERS; l++) {
        x = layer(l, x, maskBias);
      }
      graph.addOutput(Onnx.ValueInfoProto.newBuilder().setName("last_hidden_state")
          .setType(tensorType(Onnx.TensorProto.DataType.FLOAT_VALUE, "batch_size",
              "sequence_length", null)));
      // The graph's output is the last LayerNorm's sum, renamed as the exporter names it.
      Onnx.NodeProto.Builder last = lastNode();
      last.setOutput(0, "last_hidden_state");
      return Onnx.ModelProto.newBuilder()
          .setIrVersion(6)
          .setProducerName("attnsum TinyBert")
          .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(11))
          .setGraph(graph)
          .build();
    }

    private String layer(int l, String x, String maskBias) {
      String p = "encoder.layer." + l + ".";
      String s = "/encoder/layer." + l + "/attention/self";
      String q = dense(x, p + "attention.self.query", s + "/query", HIDDEN, HIDDEN);
      String k = dense(x, p + "attention.self.key", s + "/key", HIDDEN, HIDDEN);
      String v = dense(x, p + "attention.self.value", s + "/value", HIDDEN, HIDDEN);
      int headSize = HIDDEN / HEADS;
      long[] split = {0, 0, HEADS, headSize};
      String kt = transpose(reshape(k, split, s + "/Reshape"), s + "/Transpose_2", 0, 2, 3, 1);
      String vt = transpose(reshape(v, split, s + "/Reshape_1"), s + "/Transpose", 0, 2, 1, 3);
      String qt = transpose(reshape(q, split, s + "/Reshape_2"), s + "/Transpose_1", 0, 2, 1, 3);
      node("MatMul", s + "/MatMul", List.of(qt, kt));
      node("Div", s + "/Div", List.of(s + "/MatMul_output_0",
          scalar((float) Math.sqrt(headSize))));
      node("Add", s + "/Add", List.of(s + "/Div_output_0", maskBias));
      node("Softmax", s + "/Softmax", List.of(s + "/Add_output_0"), ints("axis", 3));
      node("MatMul", s + "/MatMul_1", List.of(s + "/Softmax_output_0", vt));
      String merged = reshape(transpose(s + "/MatMul_1_output_0", s + "/Transpose_3", 0, 2, 1, 3),
          new long[] {0, 0, HIDDEN}, s + "/Reshape_3");
      String o = "/encoder/layer." + l + "/attention/output";
      String attended = dense(merged, p + "attention.output.dense", o + "/dense", HIDDEN, HIDDEN);
      node("Add", o + "/Add", List.of(attended, x));
      String x1 = layerNorm(o + "/Add_output_0", p + "attention.output.LayerNorm",
          o + "/LayerNorm");
      String i = "/encoder/layer." + l + "/intermediate";
      String inner = dense(x1, p + "intermediate.dense", i + "/dense", HIDDEN, INTERMEDIATE);
      // BERT's exact GELU: x * 0.5 * (1 + erf(x / sqrt(2)))
      String g = i + "/intermediate_act_fn";
      node("Div", g + "/Div", List.of(inner, scalar((float) Math.sqrt(2))));
      node("Erf", g + "/Erf", List.of(g + "/Div_output_0"));
      node("Add", g + "/Add", List.of(g + "/Erf_output_0", scalar(1f)));
      node("Mul", g + "/Mul", List.of(inner, g + "/Add_output_0"));
      node("Mul", g + "/Mul_1", List.of(g + "/Mul_output_0", scalar(0.5f)));
      String out = "/encoder/layer." + l + "/output";
      String y = dense(g + "/Mul_1_output_0", p + "output.dense", out + "/dense", INTERMEDIATE,
          HIDDEN);
      node("Add", out + "/Add", List.of(y, x1));
      return layerNorm(out + "/Add_output_0", p + "output.LayerNorm", out + "/LayerNorm");
    }

    /** bias + x·W, the bias first as the exporter writes it; W is an unnamed initializer. */
    private String dense(String x, String name, String scope, int in, int out) {
      String w = weight("onnx::MatMul_" + (1000 + matmuls++), 1 / Math.sqrt(in), in, out);
      String b = weight(name + ".bias", 0.1, out);
      node("MatMul", scope + "/MatMul", List.of(x, w));
      node("Add", scope + "/Add", List.of(b, scope + "/MatMul_output_0"));
      return scope + "/Add_output_0";
    }

    /** (x − mean) / sqrt(mean((x − mean)²) + ε) · γ + β over the last axis. */
    private String layerNorm(String x, String name, String scope) {
      String gamma = name + ".weight";
      graph.addInitializer(floats(gamma, gaussian(HIDDEN, 0.1, 1.0), HIDDEN));
      String beta = weight(name + ".bias", 0.1, HIDDEN);
      node("ReduceMean", scope + "/ReduceMean", List.of(x), ints("axes", -1));
      node("Sub", scope + "/Sub", List.of(x, scope + "/ReduceMean_output_0"));
      node("Pow", scope + "/Pow", List.of(scope + "/Sub_output_0", scalar(2f)));
      node("ReduceMean", scope + "/ReduceMean_1", List.of(scope + "/Pow_output_0"),
          ints("axes", -1));
      node("Add", scope + "/Add", List.of(scope + "/ReduceMean_1_output_0",
          scalar(LAYER_NORM_EPSILON)));
      node("Sqrt", scope + "/Sqrt", List.of(scope + "/Add_output_0"));
      node("Div", scope + "/Div", List.of(scope + "/Sub_output_0", scope + "/Sqrt_output_0"));
      node("Mul", scope + "/Mul", List.of(scope + "/Div_output_0", gamma));
      node("Add", scope + "/Add_1", List.of(scope + "/Mul_output_0", beta));
      return scope + "/Add_1_output_0";
    }

    private String sub(String a, String b, String name) {
      node("Sub", name, List.of(a, b));
      return name + "_output_0";
    }

    private String mul(String a, String b, String name) {
      node("Mul", name, List.of(a, b));
      return name + "_output_0";
    }

    private String reshape(String x, long[] shape, String name) {
      node("Reshape", name, List.of(x, longConstant(shape, false)));
      return name + "_output_0";
    }

    private String transpose(String x, String name, long... perm) {
      Onnx.NodeProto.Builder n = node("Transpose", name, List.of(x));
      n.addAttribute(Onnx.AttributeProto.newBuilder().setName("perm")
          .setType(Onnx.AttributeProto.AttributeType.INTS)
          .addAllInts(java.util.Arrays.stream(perm).boxed().toList()));
      return name + "_output_0";
    }

    private Onnx.NodeProto.Builder node(String op, String name, List<String> inputs,
        Onnx.AttributeProto... attributes) {
      Onnx.NodeProto.Builder n = graph.addNodeBuilder().setOpType(op).setName(name)
          .addAllInput(inputs).addOutput(name + "_output_0");
      for (Onnx.AttributeProto a : attributes) {
        n.addAttribute(a);
      }
      return n;
    }

    private Onnx.NodeProto.Builder lastNode() {
      return graph.getNodeBuilder(graph.getNodeCount() - 1);
    }

    private static Onnx.AttributeProto ints(String name, long value) {
      Onnx.AttributeProto.Builder a = Onnx.AttributeProto.newBuilder().setName(name);
      if (name.equals("axes")) {
        return a.setType(Onnx.AttributeProto.AttributeType.INTS).addInts(value).build();
      }
      return a.setType(Onnx.AttributeProto.AttributeType.INT).setI(value).build();
    }

    /** A float scalar as a Constant node, as the exporter writes literals. */
    private String scalar(float value) {
      return constant(floats("", new float[] {value}));
    }

    /** An int64 Constant: a scalar when {@code scalar}, else a vector. */
    private String longConstant(long[] values, boolean scalar) {
      return constant(scalar ? longs("", values) : longs("", values, values.length));
    }

    private String constant(Onnx.TensorProto value) {
      String name = "/Constant_" + constants++;
      Onnx.NodeProto.Builder n = node("Constant", name, List.of());
      n.addAttribute(Onnx.AttributeProto.newBuilder().setName("value")
          .setType(Onnx.AttributeProto.AttributeType.TENSOR).setT(value));
      return name + "_output_0";
    }

    /** A Gaussian initializer N(0, std²) of the given shape. */
    private String weight(String name, double std, long... dims) {
      int n = 1;
      for (long d : dims) {
        n *= (int) d;
      }
      graph.addInitializer(floats(name, gaussian(n, std, 0), dims));
      return name;
    }

    private float[] gaussian(int n, double std, double mean) {
      float[] out = new float[n];
      for (int i = 0; i < n; i++) {
        out[i] = (float) (mean + std * random.nextGaussian());
      }
      return out;
    }

    private static Onnx.TensorProto floats(String name, float[] values, long... dims) {
      ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES)
          .order(ByteOrder.LITTLE_ENDIAN);
      raw.asFloatBuffer().put(values);
      return tensor(name, Onnx.TensorProto.DataType.FLOAT_VALUE, raw, dims);
    }

    private static Onnx.TensorProto longs(String name, long[] values, long... dims) {
      ByteBuffer raw = ByteBuffer.allocate(values.length * Long.BYTES)
          .order(ByteOrder.LITTLE_ENDIAN);
      raw.asLongBuffer().put(values);
      return tensor(name, Onnx.TensorProto.DataType.INT64_VALUE, raw, dims);
    }

    /** A tensor of little-endian raw data, as the exporter stores initializers and constants. */
    private static Onnx.TensorProto tensor(String name, int type, ByteBuffer raw, long... dims) {
      Onnx.TensorProto.Builder t = Onnx.TensorProto.newBuilder().setName(name).setDataType(type)
          .setRawData(ByteString.copyFrom(raw.array()));
      for (long d : dims) {
        t.addDims(d);
      }
      return t.build();
    }

    private static Onnx.ValueInfoProto input(String name) {
      return Onnx.ValueInfoProto.newBuilder().setName(name)
          .setType(tensorType(Onnx.TensorProto.DataType.INT64_VALUE, "batch_size",
              "sequence_length"))
          .build();
    }

    /** A tensor type whose dimensions are named (symbolic) or, for a null name, HIDDEN. */
    private static Onnx.TypeProto tensorType(int elementType, String... dims) {
      Onnx.TypeProto.Tensor.Builder t = Onnx.TypeProto.Tensor.newBuilder().setElemType(elementType);
      Onnx.TensorShapeProto.Builder shape = Onnx.TensorShapeProto.newBuilder();
      for (String d : dims) {
        Onnx.TensorShapeProto.Dimension.Builder dim = Onnx.TensorShapeProto.Dimension.newBuilder();
        if (d == null) {
          dim.setDimValue(HIDDEN);
        } else {
          dim.setDimParam(d);
        }
        shape.addDim(dim);
      }
      return Onnx.TypeProto.newBuilder().setTensorType(t.setShape(shape)).build();
    }
  }
}
