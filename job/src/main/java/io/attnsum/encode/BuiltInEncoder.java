package io.attnsum.encode;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The encoders shipped inside the job's jar: Hugging Face models exported to ONNX by Xenova
 * (Joshua Lochner) for transformers.js, repackaged on Maven Central by LangChain4j, whose jars
 * hold each model's {@code .onnx} graph and {@code tokenizer.json} at the classpath root. Only
 * those two files are used, never LangChain4j's classes.
 */
public enum BuiltInEncoder {
  /**
   * all-MiniLM-L6-v2 (sentence-transformers; Apache-2.0): 6 layers, 384 dimensions, uncased
   * English WordPiece. Trained with mean pooling over all token states, [CLS] and [SEP]
   * included, weighted by the attention mask (Reimers and Gurevych 2019, Sentence-BERT).
   */
  ALL_MINILM_L6_V2(
      "all-minilm-l6-v2",
      "en",
      Pooling.MEAN,
      "Apache-2.0",
      "sentence-transformers",
      "https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2",
      "https://huggingface.co/Xenova/all-MiniLM-L6-v2"),
  /**
   * bge-small-zh-v1.5 (BAAI; MIT): 4 layers, 512 dimensions, cased Chinese WordPiece with every
   * CJK ideograph a word of its own. Trained to use the final [CLS] state as the sentence vector
   * (Xiao et al. 2023, C-Pack).
   */
  BGE_SMALL_ZH_V1_5(
      "bge-small-zh-v1.5",
      "zh",
      Pooling.CLS,
      "MIT",
      "BAAI",
      "https://huggingface.co/BAAI/bge-small-zh-v1.5",
      "https://huggingface.co/Xenova/bge-small-zh-v1.5");

  private static final Logger LOG = LoggerFactory.getLogger(BuiltInEncoder.class);

  private final String id;
  private final String language;
  private final Pooling pooling;
  private final String licence;
  private final String author;
  private final String modelUrl;
  private final String onnxUrl;
  private volatile WordPieceTokenizer tokenizer;

  BuiltInEncoder(
      String id,
      String language,
      Pooling pooling,
      String licence,
      String author,
      String modelUrl,
      String onnxUrl) {
    this.id = id;
    this.language = language;
    this.pooling = pooling;
    this.licence = licence;
    this.author = author;
    this.modelUrl = modelUrl;
    this.onnxUrl = onnxUrl;
  }

  /** The name users give it ({@code all-minilm-l6-v2}). */
  public String id() {
    return id;
  }

  /** The built-in encoder named {@code id} (case-insensitive), or null. */
  public static BuiltInEncoder byId(String id) {
    for (BuiltInEncoder e : values()) {
      if (e.id.equals(id.toLowerCase(Locale.ROOT))) {
        return e;
      }
    }
    return null;
  }

  /** The built-in encoders' ids, comma-separated, for messages. */
  public static String ids() {
    StringBuilder b = new StringBuilder();
    for (BuiltInEncoder e : values()) {
      b.append(b.length() == 0 ? "" : ", ").append(e.id);
    }
    return b.toString();
  }

  /** ISO 639-1 code of the language it was trained for. */
  public String language() {
    return language;
  }

  public Pooling pooling() {
    return pooling;
  }

  /** SPDX identifier of the model's licence. */
  public String licence() {
    return licence;
  }

  /** Who trained and published the model. */
  public String author() {
    return author;
  }

  /** The original model card. */
  public String modelUrl() {
    return modelUrl;
  }

  /** The model card of the ONNX export the jar ships. */
  public String onnxUrl() {
    return onnxUrl;
  }

  /** Classpath resource of the ONNX graph (fp32). */
  public String onnxResource() {
    return "/" + id + ".onnx";
  }

  /** Classpath resource of the tokenizer.json. */
  public String tokenizerResource() {
    return "/" + id + "-tokenizer.json";
  }

  /** Opens a classpath resource of this encoder; the caller closes it. */
  public InputStream open(String resource) {
    InputStream in = BuiltInEncoder.class.getResourceAsStream(resource);
    if (in == null) {
      throw new EncoderFileException(
          resource, "is not on the classpath; expected it in the job's jar (encoder " + id + ")");
    }
    return new BufferedInputStream(in, 1 << 16);
  }

  /** The model's tokenizer, read from the classpath once per JVM. */
  public WordPieceTokenizer tokenizer() {
    WordPieceTokenizer t = tokenizer;
    if (t == null) {
      synchronized (this) {
        t = tokenizer;
        if (t == null) {
          long start = System.nanoTime();
          String resource = tokenizerResource();
          try (InputStream in = open(resource)) {
            t = WordPieceTokenizer.read(in, resource);
          } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + resource, e);
          }
          LOG.info(
              "Loaded tokenizer of {}: {} pieces in {} ms",
              id, t.vocabSize(), (System.nanoTime() - start) / 1_000_000);
          tokenizer = t;
        }
      }
    }
    return t;
  }
}
