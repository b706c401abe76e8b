package io.attnsum.rank;

import java.io.Serializable;

/**
 * A sentence's ranking result.
 *
 * @param index the sentence index in its document
 * @param score final ranking score (finite)
 * @param rank 1-based position by score (ties broken by document order)
 * @param selected whether the sentence is part of the summary
 * @param knownTokens how many of the sentence's tokens had a vector (0: scored by priors only),
 *     or −1 when no encoder ran because nothing read the vectors
 * @param tokenWeights attention weight α per token of {@code tokens}, or null when token weights
 *     are not requested
 * @param tokens the tokens the weights refer to, as the encoder saw them (the text stage's words
 *     with word vectors, the encoder's pieces with a pretrained encoder), or null
 */
public record ScoredSentence(
    int index,
    double score,
    int rank,
    boolean selected,
    int knownTokens,
    float[] tokenWeights,
    String[] tokens)
    implements Serializable {}
