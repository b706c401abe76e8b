package io.attnsum.job;

/** Which stages a run executes ({@code run.stages}). */
public enum RunStages {
  /** The whole pipeline. */
  FULL,
  /**
   * Read, segment and write only: no vectors, attention or ranking; the first k sentences are
   * selected and every score is 0. The benchmark's floor, to see what the model costs.
   */
  FLOOR
}
