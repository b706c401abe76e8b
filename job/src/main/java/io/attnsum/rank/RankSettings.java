package io.attnsum.rank;

import io.attnsum.config.ConfigReader;
import java.io.Serializable;

/**
 * Settings of ranking and selection ({@code rank.*}, {@code summary.*}); see reference.conf for
 * what each key does.
 *
 * @param sentences k for {@link Budget#SENTENCES}
 * @param budget how the summary length is bounded
 * @param ratio sentence fraction for {@link Budget#RATIO}
 * @param maxWords token budget for {@link Budget#WORDS}
 * @param maxChars character budget for {@link Budget#CHARS}
 * @param temperature τ of the sentence attention softmax(cos / τ)
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
 */
public record RankSettings(
    int sentences,
    Budget budget,
    double ratio,
    int maxWords,
    int maxChars,
    double temperature,
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
    double mmrLambda)
    implements Serializable {

  public static RankSettings from(ConfigReader r) {
    return new RankSettings(
        r.intIn("summary.sentences", 1, 10_000),
        r.oneOf("summary.budget", Budget.class),
        r.doubleIn("summary.ratio", 1e-6, 1.0),
        r.intIn("summary.max-words", 1, 10_000_000),
        r.intIn("summary.max-chars", 1, 100_000_000),
        r.doubleIn("rank.temperature", 1e-4, 1e4),
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
        r.doubleIn("rank.mmr-lambda", 0.0, 1.0));
  }

  /** The reference.conf defaults (for tests and tools that run without a config file). */
  public static RankSettings defaults() {
    return new RankSettings(
        3, Budget.SENTENCES, 0.2, 100, 600, 0.1, 0.85, 1.0, 1.0, -0.5, 1.0, 0.5, 3.0, 0.5, 0.5,
        8, Redundancy.MMR, 0.7);
  }

  public RankSettings withSentences(int k) {
    return new RankSettings(
        k, budget, ratio, maxWords, maxChars, temperature, damping, stationaryWeight,
        directedWeight, earlierWeight, laterWeight, threshold, positionWeight, positionDecay,
        lengthWeight, lengthTarget, redundancy, mmrLambda);
  }
}
