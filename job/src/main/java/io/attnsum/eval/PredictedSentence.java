package io.attnsum.eval;

/**
 * One row of the run's {@code sentences} table, as evaluation needs it.
 *
 * @param rank 1 = best; {@link Integer#MAX_VALUE} when the table has none for the row
 */
public record PredictedSentence(int index, String text, double score, int rank, boolean selected) {}
