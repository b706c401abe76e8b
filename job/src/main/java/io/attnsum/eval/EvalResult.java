package io.attnsum.eval;

import java.util.List;

/**
 * Everything the report shows.
 *
 * @param missingPredictions gold documents without a prediction (scored as empty summaries)
 * @param unmatchedPredictions predicted documents with no gold row (not scored)
 * @param kPolicy the baselines' k per document, and what the written summaries are checked against
 */
public record EvalResult(
    List<SystemResult> systems,
    List<DocumentOutcome> documents,
    int missingPredictions,
    int unmatchedPredictions,
    KPolicy kPolicy,
    BudgetCheck budgetCheck,
    String tokenization,
    int resamples,
    long seed) {

  /** What the system's row scores. */
  public static final String SYSTEM_SUMMARIES = "the run's summaries table as written";

  /**
   * The written summaries against {@link #kPolicy}: the documents checked (those with a
   * prediction; none when the policy checks nothing) and those whose summary's sentence count is
   * not min(k, sentences), with the first few ids.
   */
  public record BudgetCheck(int checked, int mismatched, List<String> firstMismatched) {
    static final int EXAMPLES = 10;
  }

  /** One line on what the budget check compared, for the text table and the HTML report. */
  public String describeBudgetCheck() {
    if (!kPolicy.checks()) {
      return "none (no --k, --k-from-reference or --k-ratio given)";
    }
    return budgetCheck.mismatched() + " of " + budgetCheck.checked()
        + " written summaries have another sentence count than min(k, sentences), "
        + kPolicy.describe();
  }
}
