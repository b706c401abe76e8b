package io.attnsum.write;

/**
 * Another run of the same run id holds its lease: exit code 5, so a scheduler can retry later
 * rather than treat the run as failed.
 */
public final class RunInUseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RunInUseException(String message) {
    super(message);
  }
}
