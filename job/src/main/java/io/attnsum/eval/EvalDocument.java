package io.attnsum.eval;

import java.util.List;

/**
 * A document as the baselines see it: the prediction's own sentence split (so system and
 * baselines share one segmentation) and the references, all tokenized for ROUGE.
 *
 * @param sentences sentence texts in document order, line breaks inside a sentence replaced by
 *     spaces (summaries join sentences with newlines, so a sentence must be one line)
 * @param sentenceTokens ROUGE tokens of each sentence, {@code [sentences][tokens]}
 * @param referenceTokens {@code [references][sentences][tokens]}
 */
public record EvalDocument(
    String id,
    List<String> sentences,
    List<List<String>> sentenceTokens,
    List<String> references,
    List<List<List<String>>> referenceTokens) {}
