package io.attnsum.encode;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import onnx.Onnx;

/**
 * Look-ups over one ONNX graph: its initializers and Constant nodes by name, which node produces a
 * value and which nodes consume it, and tensors as Java arrays. Every failure is an {@link
 * EncoderFileException} that names the file.
 */
final class OnnxGraph {
  private final String file;
  private final Onnx.GraphProto graph;
  private final Map<String, Onnx.TensorProto> initializers = new HashMap<>();
  private final Map<String, Onnx.TensorProto> constants = new HashMap<>();
  private final Map<String, Onnx.NodeProto> producers = new HashMap<>();
  private final Map<String, List<Onnx.NodeProto>> consumers = new HashMap<>();

  OnnxGraph(String file, Onnx.GraphProto graph) {
    this.file = file;
    this.graph = graph;
    for (Onnx.TensorProto t : graph.getInitializerList()) {
      initializers.put(t.getName(), t);
    }
    for (Onnx.NodeProto n : graph.getNodeList()) {
      for (String out : n.getOutputList()) {
        producers.put(out, n);
      }
      for (String in : n.getInputList()) {
        consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
      }
      if (n.getOpType().equals("Constant") && n.getOutputCount() == 1) {
        for (Onnx.AttributeProto a : n.getAttributeList()) {
          if (a.getName().equals("value") && a.hasT()) {
            constants.put(n.getOutput(0), a.getT());
          }
        }
      }
    }
  }

  String file() {
    return file;
  }

  Onnx.GraphProto proto() {
    return graph;
  }

  EncoderFileException notBert(String problem) {
    return new EncoderFileException(file, "not a BERT-family encoder: " + problem);
  }

  boolean hasInitializer(String name) {
    return initializers.containsKey(name);
  }

  /** The initializer {@code name}, which must have {@code rank} dimensions. */
  Onnx.TensorProto initializer(String name, int rank) {
    Onnx.TensorProto t = initializers.get(name);
    if (t == null) {
      throw notBert("no initializer " + name);
    }
    if (t.getDimsCount() != rank) {
      throw notBert("initializer " + name + " has shape " + t.getDimsList() + ", expected " + rank
          + " dimension" + (rank == 1 ? "" : "s"));
    }
    return t;
  }

  /** An initializer or a Constant node's value; null if {@code name} is neither. */
  Onnx.TensorProto constant(String name) {
    Onnx.TensorProto t = initializers.get(name);
    return t != null ? t : constants.get(name);
  }

  Onnx.NodeProto producer(String value) {
    return producers.get(value);
  }

  List<Onnx.NodeProto> consumers(String value) {
    return consumers.getOrDefault(value, List.of());
  }

  /** The only consumer of {@code value} with op type {@code op}, or null. */
  Onnx.NodeProto consumer(String value, String op) {
    Onnx.NodeProto found = null;
    for (Onnx.NodeProto n : consumers(value)) {
      if (n.getOpType().equals(op)) {
        if (found != null) {
          return null;
        }
        found = n;
      }
    }
    return found;
  }

  /** Op types of the nodes that read {@code value}, for messages. */
  List<String> consumerOps(String value) {
    return consumers(value).stream().map(Onnx.NodeProto::getOpType).toList();
  }

  /** The input of a two-input node that is not {@code known}. */
  static String otherInput(Onnx.NodeProto node, String known) {
    if (node.getInputCount() != 2) {
      return null;
    }
    return node.getInput(0).equals(known) ? node.getInput(1) : node.getInput(0);
  }

  /** The value of a scalar (or one-element) constant, or NaN if {@code name} is not one. */
  double scalar(String name) {
    Onnx.TensorProto t = constant(name);
    if (t == null) {
      return Double.NaN;
    }
    double[] v = numbers(t);
    return v.length == 1 ? v[0] : Double.NaN;
  }

  static long elements(Onnx.TensorProto t) {
    long n = 1;
    for (long d : t.getDimsList()) {
      n *= d;
    }
    return n;
  }

  /** A float32 tensor's values, row-major. */
  float[] floats(Onnx.TensorProto t) {
    String name = t.getName();
    if (t.getDataLocation() == Onnx.TensorProto.DataLocation.EXTERNAL) {
      throw new EncoderFileException(file, "tensor " + name
          + " is stored in an external data file; expected a self-contained ONNX file");
    }
    if (t.getDataType() != Onnx.TensorProto.DataType.FLOAT_VALUE) {
      throw new EncoderFileException(file, "tensor " + name + " has ONNX data type "
          + t.getDataType() + "; expected float32 (1)");
    }
    long n = elements(t);
    if (n > Integer.MAX_VALUE) {
      throw new EncoderFileException(file, "tensor " + name + " has " + n + " elements");
    }
    float[] out = new float[(int) n];
    if (!t.getRawData().isEmpty()) {
      if (t.getRawData().size() != n * Float.BYTES) {
        throw new EncoderFileException(file, "tensor " + name + " " + t.getDimsList() + " holds "
            + t.getRawData().size() + " bytes; expected " + n * Float.BYTES);
      }
      t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    } else {
      if (t.getFloatDataCount() != n) {
        throw new EncoderFileException(file, "tensor " + name + " " + t.getDimsList() + " holds "
            + t.getFloatDataCount() + " values; expected " + n);
      }
      for (int i = 0; i < n; i++) {
        out[i] = t.getFloatData(i);
      }
    }
    return out;
  }

  /** A small numeric tensor (float, double, int32 or int64) as doubles; empty for other types. */
  static double[] numbers(Onnx.TensorProto t) {
    int n = (int) Math.min(elements(t), Integer.MAX_VALUE);
    ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    return switch (t.getDataType()) {
      case Onnx.TensorProto.DataType.FLOAT_VALUE ->
          values(n, raw, 4, t.getFloatDataCount(), i -> raw.getFloat(i * 4), t::getFloatData);
      case Onnx.TensorProto.DataType.DOUBLE_VALUE ->
          values(n, raw, 8, t.getDoubleDataCount(), i -> raw.getDouble(i * 8), t::getDoubleData);
      case Onnx.TensorProto.DataType.INT64_VALUE ->
          values(n, raw, 8, t.getInt64DataCount(), i -> raw.getLong(i * 8), t::getInt64Data);
      case Onnx.TensorProto.DataType.INT32_VALUE ->
          values(n, raw, 4, t.getInt32DataCount(), i -> raw.getInt(i * 4), t::getInt32Data);
      default -> new double[0];
    };
  }

  /**
   * {@code n} values from the raw bytes ({@code width} each) when there are any, else from the
   * typed field ({@code typedCount} values); empty when the count does not match.
   */
  private static double[] values(int n, ByteBuffer raw, int width, int typedCount,
      IntToDoubleFunction fromRaw, IntToDoubleFunction fromTyped) {
    boolean isRaw = raw.hasRemaining();
    if (isRaw ? raw.remaining() != (long) n * width : typedCount != n) {
      return new double[0];
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = isRaw ? fromRaw.applyAsDouble(i) : fromTyped.applyAsDouble(i);
    }
    return out;
  }
}
