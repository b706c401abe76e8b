package io.attnsum.eval;

import java.util.Locale;

/** The plain-text ROUGE F1 table (x100, with 95% intervals) printed to stdout. */
public final class RougeTable {
  private RougeTable() {}

  public static String format(EvalResult result) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%-10s %20s %20s %20s %20s%n", "system",
        "ROUGE-1 F", "ROUGE-2 F", "ROUGE-L F", "ROUGE-Lsum F"));
    for (SystemResult s : result.systems()) {
      out.append(String.format(Locale.ROOT, "%-10s", s.name()));
      for (RougeMetric m : RougeMetric.values()) {
        BootstrapInterval f = s.metrics().get(m).f1();
        out.append(String.format(Locale.ROOT, " %6.2f [%5.2f,%6.2f]",
            100 * f.mean(), 100 * f.low(), 100 * f.high()));
      }
      out.append('\n');
    }
    out.append(String.format(Locale.ROOT,
        "documents: %d, missing predictions: %d%n%s: %s; baselines: %s%nbudget check: %s%n",
        result.documents().size(), result.missingPredictions(), Evaluation.SYSTEM,
        EvalResult.SYSTEM_SUMMARIES, result.kPolicy().describe(), result.describeBudgetCheck()));
    return out.toString();
  }
}
