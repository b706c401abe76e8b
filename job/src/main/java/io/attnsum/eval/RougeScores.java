package io.attnsum.eval;

/** All four ROUGE variants of one prediction against one (or the best of several) references. */
public record RougeScores(
    RougeScore rouge1, RougeScore rouge2, RougeScore rougeL, RougeScore rougeLsum) {

  public RougeScore get(RougeMetric metric) {
    return switch (metric) {
      case ROUGE1 -> rouge1;
      case ROUGE2 -> rouge2;
      case ROUGE_L -> rougeL;
      case ROUGE_LSUM -> rougeLsum;
    };
  }
}
