package io.attnsum.eval;

import java.util.List;

/**
 * Everything the report shows.
 *
 * @param missingPredictions gold documents without a prediction (scored as empty summaries)
 * @param unmatchedPredictions predicted documents with no gold row (not scored)
 */
public record EvalResult(
    List<SystemResult> systems,
    List<DocumentOutcome> documents,
    int missingPredictions,
    int unmatchedPredictions,
    KPolicy kPolicy,
    String tokenization,
    int resamples,
    long seed) {}
