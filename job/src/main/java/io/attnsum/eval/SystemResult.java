package io.attnsum.eval;

import java.util.Map;

/**
 * Corpus-level ROUGE of one system: per metric, precision/recall/F1 means with bootstrap
 * intervals, plus the per-document ROUGE-1 F1 for distribution plots.
 */
public record SystemResult(
    String name,
    Map<RougeMetric, Prf> metrics,
    double[] rouge1F1PerDocument) {

  /** Precision, recall and F1 intervals of one metric. */
  public record Prf(BootstrapInterval precision, BootstrapInterval recall, BootstrapInterval f1) {}
}
