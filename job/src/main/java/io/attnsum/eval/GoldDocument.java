package io.attnsum.eval;

import java.util.List;

/**
 * One reference row of the gold file.
 *
 * @param references reference summaries, sentences separated by newlines (several for SciTLDR)
 * @param referenceSentenceCount the reference's sentence count when the file states it
 *     ({@code summary_sentence_idx} in BBC, {@code highlights} in CNN/DM), else -1
 */
public record GoldDocument(String id, List<String> references, int referenceSentenceCount) {}
