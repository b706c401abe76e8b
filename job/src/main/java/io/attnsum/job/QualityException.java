package io.attnsum.job;

/** A data-quality rule stopped the run (too many rejects, bad record in fail mode): exit 4. */
public final class QualityException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public QualityException(String message) {
    super(message);
  }
}
