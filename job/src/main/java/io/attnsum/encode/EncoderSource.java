package io.attnsum.encode;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where an encoder's two files are: a built-in model's classpath resources (from the Maven
 * Central jars bundled in the job's jar), or a user's folder on any Hadoop path holding {@code
 * model.onnx} and {@code tokenizer.json}.
 *
 * @param name the built-in encoder's id, or the user's folder
 * @param builtIn whether the files are classpath resources
 * @param onnx the ONNX graph: a resource name or a Hadoop path
 * @param tokenizer the tokenizer.json: a resource name or a Hadoop path
 * @param pooling how the model pools its token states into a sentence vector
 * @param sha256 the driver's SHA-256 of both files, or null before the encode stage hashed them;
 *     part of the key under which {@link EncoderCache} holds what it loaded, so a model replaced
 *     at the same path is loaded again rather than served from a long-lived JVM's memory
 */
public record EncoderSource(
    String name, boolean builtIn, String onnx, String tokenizer, Pooling pooling, String sha256)
    implements Serializable {

  public static EncoderSource of(BuiltInEncoder e) {
    return new EncoderSource(
        e.id(), true, e.onnxResource(), e.tokenizerResource(), e.pooling(), null);
  }

  /** A user's encoder in {@code folder}. */
  public static EncoderSource folder(String folder, Pooling pooling) {
    Path dir = new Path(folder);
    return new EncoderSource(folder, false, new Path(dir, "model.onnx").toString(),
        new Path(dir, "tokenizer.json").toString(), pooling, null);
  }

  /** This source, known to hold files whose SHA-256 is {@code hash}. */
  public EncoderSource withSha256(String hash) {
    return new EncoderSource(name, builtIn, onnx, tokenizer, pooling, hash);
  }

  /** Opens one of the two files; the caller closes it. */
  public InputStream open(String file, Configuration conf) {
    if (builtIn) {
      return BuiltInEncoder.byId(name).open(file);
    }
    Path path = new Path(file);
    try {
      FileSystem fs = path.getFileSystem(conf);
      if (!fs.exists(path)) {
        throw new EncoderFileException(file, "does not exist; encoder.path must be a folder holding"
            + " model.onnx (a BERT-family ONNX graph) and tokenizer.json");
      }
      return new BufferedInputStream(fs.open(path), 1 << 16);
    } catch (IOException e) {
      throw new EncoderFileException(file, "cannot be opened: " + e.getMessage(), e);
    }
  }
}
