package io.attnsum.eval;

/** The ROUGE variants the report carries, named as in rouge-score. */
public enum RougeMetric {
  ROUGE1("rouge1"),
  ROUGE2("rouge2"),
  ROUGE_L("rougeL"),
  ROUGE_LSUM("rougeLsum");

  private final String key;

  RougeMetric(String key) {
    this.key = key;
  }

  /** rouge-score's name of the metric, used as the key in report.json. */
  public String key() {
    return key;
  }
}
