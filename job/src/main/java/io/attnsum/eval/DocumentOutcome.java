package io.attnsum.eval;

import java.util.Map;

/**
 * One gold document after evaluation.
 *
 * @param k the baselines' summary length (at most the document's sentences)
 * @param budgetMismatch the job's written summary has another sentence count than min(k,
 *     sentences) under a policy that checks it
 * @param prediction the job's document, null when the run has no prediction for this id
 * @param selections per system name, the chosen sentence indices (document order); the job's are
 *     its selected sentences
 * @param scores per system name, ROUGE against the references
 */
public record DocumentOutcome(
    String id,
    String language,
    int k,
    boolean budgetMismatch,
    EvalDocument document,
    PredictedDocument prediction,
    Map<String, int[]> selections,
    Map<String, RougeScores> scores) {}
