package io.attnsum.read;

/** The input is missing or holds no records: exit code 3, so a scheduler can wait and retry. */
public final class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InputException(String message) {
    super(message);
  }

  /** {@code input.path} names no file or directory, or a glob that matches none. */
  public static InputException nothingMatches(String path) {
    return new InputException("input.path matches nothing: " + path);
  }
}
