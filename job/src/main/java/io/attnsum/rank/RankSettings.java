package io.attnsum.rank;

import io.attnsum.config.ConfigReader;
import java.io.Serializable;

/**
 * Settings of ranking and selection ({@code rank.*}, {@code summary.*}); see reference.conf for
 * what each key does.
 *
 * @param summary how long a summary may be
 * @param temperature τ of the sentence attention softmax(score / τ)
 * @param attentionScore the score of the sentence attention (log-cosine or cosine)
 * @param damping PageRank damping of the stationary distribution
 * @param stationaryWeight weight of the (min-max normalised) stationary distribution
 * @param directedWeight weight of the (min-max normalised) PacSum directed centrality
 * @param earlierWeight PacSum λ1: weight of edges to earlier sentences
 * @param laterWeight PacSum λ2: weight of edges to later sentences
 * @param threshold PacSum β: edges below min + β·(max − min) of the document's similarities drop
 * @param positionWeight weight of the position prior (i + 1)^−positionDecay
 * @param positionDecay exponent of the position prior
 * @param lengthWeight weight of the length prior min(1, tokens / lengthTarget)
 * @param lengthTarget token count at which the length prior saturates
 * @param redundancy MMR or trigram blocking
 * @param mmrLambda MMR λ (1 = ignore redundancy)
 * @param skipHeadings rank headings (own paragraph, no final punctuation) after every sentence
 * @param embeddingWeight share of the embedding cosines in the sentence graph, the rest being the
 *     TF-IDF cosines; 0 leaves every embedding and attention signal out of the ranking
 * @param lexicalSifA SIF a of the lexical term weights (0 = plain TF-IDF)
 * @param lexicalHan what a lexical term is in Chinese text: a character or a word
 * @param positionScale whether the position prior decays per sentence or per summary length
 * @param positionGate whether a document's own lead centrality scales its position prior
 * @param positionCoverage exponent γ of the coverage factor (1 − k / n)^γ on the position prior
 *     (k the expected summary length; 0 = off): a summary that covers most of the document gains
 *     nothing from position
 * @param gateDirected whether the document's position share (gate × coverage) also scales the
 *     directed centrality, PacSum's position-aware term
 */
public record RankSettings(
    SummaryBudget summary,
    double temperature,
    AttentionScore attentionScore,
    double damping,
    double stationaryWeight,
    double directedWeight,
    double earlierWeight,
    double laterWeight,
    double threshold,
    double positionWeight,
    double positionDecay,
    double lengthWeight,
    int lengthTarget,
    Redundancy redundancy,
    double mmrLambda,
    double embeddingWeight,
    double lexicalSifA,
    HanUnits lexicalHan,
    PositionScale positionScale,
    PositionGate positionGate,
    double positionCoverage,
    boolean gateDirected,
    boolean skipHeadings)
    implements Serializable {

  public static RankSettings from(ConfigReader r) {
    return new RankSettings(
        SummaryBudget.from(r),
        r.doubleIn("rank.temperature", 1e-4, 1e4),
        r.oneOf("rank.attention-score", AttentionScore.class),
        r.doubleIn("rank.damping", 0.0, 0.999),
        r.doubleIn("rank.stationary-weight", 0.0, 100.0),
        r.doubleIn("rank.directed-weight", 0.0, 100.0),
        r.doubleIn("rank.earlier-weight", -100.0, 100.0),
        r.doubleIn("rank.later-weight", -100.0, 100.0),
        r.doubleIn("rank.threshold", 0.0, 1.0),
        r.doubleIn("rank.position-weight", 0.0, 100.0),
        r.doubleIn("rank.position-decay", 0.0, 10.0),
        r.doubleIn("rank.length-weight", 0.0, 100.0),
        r.intIn("rank.length-target", 1, 10_000),
        r.oneOf("rank.redundancy", Redundancy.class),
        r.doubleIn("rank.mmr-lambda", 0.0, 1.0),
        r.doubleIn("rank.embedding-weight", 0.0, 1.0),
        r.doubleIn("rank.lexical-sif-a", 0.0, 1.0),
        r.oneOf("rank.lexical-han", HanUnits.class),
        r.oneOf("rank.position-scale", PositionScale.class),
        r.oneOf("rank.position-gate", PositionGate.class),
        r.doubleIn("rank.position-coverage", 0.0, 10.0),
        r.bool("rank.gate-directed"),
        r.bool("summary.skip-headings"));
  }
}
