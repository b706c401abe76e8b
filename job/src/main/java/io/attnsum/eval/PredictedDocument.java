package io.attnsum.eval;

import java.util.List;

/**
 * One document of a prediction run: its sentences (document order) and the summary the job wrote.
 *
 * @param language {@code en} or {@code zh} from the summaries table, null when absent
 * @param summary the job's summary (selected sentences joined with newlines), null when absent
 */
public record PredictedDocument(
    String docId, String language, String summary, List<PredictedSentence> sentences) {}
