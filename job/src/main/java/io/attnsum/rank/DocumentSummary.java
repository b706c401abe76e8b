package io.attnsum.rank;

import io.attnsum.text.AnalyzedDocument;
import java.io.Serializable;
import java.util.List;

/**
 * Ranking output for one document.
 *
 * @param sentences one entry per sentence of {@code document}, in document order
 * @param selected indices of the summary sentences, ascending (document order)
 */
public record DocumentSummary(
    AnalyzedDocument document, List<ScoredSentence> sentences, int[] selected)
    implements Serializable {}
