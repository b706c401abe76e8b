package io.attnsum.encode;

/**
 * An encoder model file that cannot be used: unreadable, not an ONNX model, or an ONNX graph that
 * is not a BERT-family encoder. The message names the file and what was expected, so that the job
 * can report it before the expensive stages run.
 */
public final class EncoderFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String file;

  public EncoderFileException(String file, String problem) {
    super("encoder file " + file + ": " + problem);
    this.file = file;
  }

  public EncoderFileException(String file, String problem, Throwable cause) {
    this(file, problem);
    initCause(cause);
  }

  /** The file as the caller named it. */
  public String file() {
    return file;
  }
}
