package io.attnsum.eval;

/** Precision, recall and F1 of one ROUGE variant for one document (rouge-score's {@code Score}). */
public record RougeScore(double precision, double recall, double f1) {

  public static final RougeScore ZERO = new RougeScore(0, 0, 0);

  /** rouge-score's {@code fmeasure}: harmonic mean, 0 when both are 0. */
  static RougeScore of(double precision, double recall) {
    double f = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
    return new RougeScore(precision, recall, f);
  }
}
