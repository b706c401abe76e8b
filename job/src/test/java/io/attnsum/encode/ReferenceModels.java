package io.attnsum.encode;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The two encoders the job ships (model files from the langchain4j jars on the class path) with
 * their independent references: token ids from Hugging Face's tokenizers (DJL's binding of the Rust
 * library) built from the same tokenizer.json, and hidden states from ONNX Runtime running the same
 * ONNX file. Shared by the encoder tests and benchmarks.
 */
public enum ReferenceModels {
  /** English, mean pooling; 300 sentences from bbc, scitldr and cnndm. */
  MINILM("all-minilm-l6-v2", Pooling.MEAN, "/encode/sentences-en.jsonl"),
  /** Chinese, CLS pooling; 300 sentences from cail2020_zh and lcsts_zh. */
  BGE_ZH("bge-small-zh-v1.5", Pooling.CLS, "/encode/sentences-zh.jsonl");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final Pooling pooling;
  private final String sentencesResource;

  ReferenceModels(String name, Pooling pooling, String sentencesResource) {
    this.name = name;
    this.pooling = pooling;
    this.sentencesResource = sentencesResource;
  }

  /** The class-path resource of the ONNX file. */
  public String onnxResource() {
    return "/" + name + ".onnx";
  }

  /** The pooling the model was trained with. */
  public Pooling pooling() {
    return pooling;
  }

  /** The ONNX file's bytes. */
  public byte[] onnxBytes() {
    try (InputStream in = resource(onnxResource())) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The model read from the class path. */
  public OnnxBertModel read() {
    try (InputStream in = resource(onnxResource())) {
      return OnnxBertModel.read(in, onnxResource());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The test sentences' texts, in file order. */
  public List<String> texts() {
    List<String> texts = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(resource(sentencesResource), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        texts.add(JSON.readTree(line).get("text").asText());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return texts;
  }

  /** The test sentences' token ids ([CLS] ... [SEP]) by the reference tokenizer, untruncated. */
  public List<int[]> tokenIds() {
    List<int[]> ids = new ArrayList<>();
    try (InputStream in = resource("/" + name + "-tokenizer.json");
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(in,
            Map.of("padding", "false", "truncation", "false"))) {
      for (String text : texts()) {
        long[] longs = tokenizer.encode(text).getIds();
        int[] row = new int[longs.length];
        for (int i = 0; i < longs.length; i++) {
          row[i] = Math.toIntExact(longs[i]);
        }
        ids.add(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ids;
  }

  /** An ONNX Runtime session (fp32, default graph optimisations) on the same file. */
  public OrtSession onnxRuntime(int threads) throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(threads);
    options.setInterOpNumThreads(1);
    return OrtEnvironment.getEnvironment().createSession(onnxBytes(), options);
  }

  /**
   * ONNX Runtime's last hidden states of a batch padded to its longest sequence with the
   * attention mask, each sequence's real rows only, row-major {@code [length, hidden]}.
   */
  public static float[][] run(OrtSession session, List<int[]> batch) throws OrtException {
    int width = 0;
    for (int[] ids : batch) {
      width = Math.max(width, ids.length);
    }
    long[][] ids = new long[batch.size()][width];
    long[][] mask = new long[batch.size()][width];
    long[][] types = new long[batch.size()][width];
    for (int s = 0; s < batch.size(); s++) {
      for (int t = 0; t < batch.get(s).length; t++) {
        ids[s][t] = batch.get(s)[t];
        mask[s][t] = 1;
      }
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OnnxTensor idsTensor = OnnxTensor.createTensor(env, ids);
        OnnxTensor maskTensor = OnnxTensor.createTensor(env, mask);
        OnnxTensor typesTensor = OnnxTensor.createTensor(env, types);
        OrtSession.Result result = session.run(Map.of("input_ids", idsTensor, "attention_mask",
            maskTensor, "token_type_ids", typesTensor))) {
      float[][][] states = (float[][][]) result.get(0).getValue();
      float[][] out = new float[batch.size()][];
      for (int s = 0; s < batch.size(); s++) {
        int len = batch.get(s).length;
        int hidden = states[s][0].length;
        out[s] = new float[len * hidden];
        for (int t = 0; t < len; t++) {
          System.arraycopy(states[s][t], 0, out[s], t * hidden, hidden);
        }
      }
      return out;
    }
  }

  private static InputStream resource(String name) {
    InputStream in = ReferenceModels.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("class-path resource " + name + " is missing (the model jars"
          + " are test dependencies in job/pom.xml)");
    }
    return in;
  }
}
