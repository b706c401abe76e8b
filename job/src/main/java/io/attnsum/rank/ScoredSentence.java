package io.attnsum.rank;

import java.io.Serializable;

/**
 * A sentence's ranking result.
 *
 * @param index the sentence index in its document
 * @param score final ranking score (finite)
 * @param rank 1-based position by score (ties broken by document order)
 * @param selected whether the sentence is part of the summary
 * @param knownTokens how many of the sentence's tokens had a vector (0: scored by priors only)
 * @param tokenWeights attention weight α per token (same order as the sentence's tokens), or null
 *     when token weights are not requested
 */
public record ScoredSentence(
    int index, double score, int rank, boolean selected, int knownTokens, float[] tokenWeights)
    implements Serializable {}
