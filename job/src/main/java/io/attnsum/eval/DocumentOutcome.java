package io.attnsum.eval;

import java.util.Map;

/**
 * One gold document after evaluation.
 *
 * @param prediction the job's document, null when the run has no prediction for this id
 * @param selections per system name, the chosen sentence indices (document order)
 * @param scores per system name, ROUGE against the references
 */
public record DocumentOutcome(
    String id,
    String language,
    int k,
    EvalDocument document,
    PredictedDocument prediction,
    Map<String, int[]> selections,
    Map<String, RougeScores> scores) {}
