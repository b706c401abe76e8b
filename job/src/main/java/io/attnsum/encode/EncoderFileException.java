package io.attnsum.encode;

/**
 * An encoder file (a tokenizer.json, a model graph) that is missing, unreadable or not what the
 * encoder stage can run. The message names the file, what it holds and what was expected, for
 * example "tokenizer.json model.type is BPE; expected WordPiece (a BERT-family tokenizer)". The job
 * reports it before its expensive stages and exits 2, like a configuration error.
 */
public final class EncoderFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String fileName;

  public EncoderFileException(String fileName, String problem) {
    super(fileName + ": " + problem);
    this.fileName = fileName;
  }

  public EncoderFileException(String fileName, String problem, Throwable cause) {
    super(fileName + ": " + problem, cause);
    this.fileName = fileName;
  }

  /** The file as the caller named it (a path, a URI or a classpath resource). */
  public String fileName() {
    return fileName;
  }
}
