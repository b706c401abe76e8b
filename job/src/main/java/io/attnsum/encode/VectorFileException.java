package io.attnsum.encode;

/**
 * A word-vectors file that cannot be read as the format it is declared (or detected) to be. The
 * message names the file, where in it (line and/or byte offset) and what was expected, so that it
 * can be reported before the expensive stages run. Exit code 3 (bad input) in the job.
 */
public final class VectorFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String file;

  public VectorFileException(String file, String where, String problem) {
    super("word vectors file " + file + (where == null ? "" : ", " + where) + ": " + problem);
    this.file = file;
  }

  public VectorFileException(String file, String where, String problem, Throwable cause) {
    this(file, where, problem);
    initCause(cause);
  }

  public String file() {
    return file;
  }

  /** Location text for a line of a text file; {@code line} is 1-based, -1 when unknown. */
  static String at(long line, long byteOffset) {
    if (line < 0) {
      return "line at byte offset " + byteOffset;
    }
    return "line " + line + " (byte offset " + byteOffset + ")";
  }
}
