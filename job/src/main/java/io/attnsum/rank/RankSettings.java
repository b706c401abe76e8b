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
 * @param lexicalWeight share of the TF-IDF cosine in the sentence graph (0 = embeddings only)
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
    int sentences,
    Budget budget,
    double ratio,
    int maxWords,
    int maxChars,
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
    double lexicalWeight,
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
        r.intIn("summary.sentences", 1, 10_000),
        r.oneOf("summary.budget", Budget.class),
        r.doubleIn("summary.ratio", 1e-6, 1.0),
        r.intIn("summary.max-words", 1, 10_000_000),
        r.intIn("summary.max-chars", 1, 100_000_000),
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
        r.doubleIn("rank.lexical-weight", 0.0, 1.0),
        r.doubleIn("rank.lexical-sif-a", 0.0, 1.0),
        r.oneOf("rank.lexical-han", HanUnits.class),
        r.oneOf("rank.position-scale", PositionScale.class),
        r.oneOf("rank.position-gate", PositionGate.class),
        r.doubleIn("rank.position-coverage", 0.0, 10.0),
        r.bool("rank.gate-directed"),
        r.bool("summary.skip-headings"));
  }

  /**
   * How many sentences a summary of this document is expected to have: k, ceil(ratio · n), or
   * the word/char budget over the document's mean sentence length; at least 1, at most n.
   *
   * @param tokens total tokens of the document's sentences
   * @param chars total characters of the document's sentences
   */
  public double expectedSentences(int n, long tokens, long chars) {
    if (n == 0) {
      return 1;
    }
    double k =
        switch (budget) {
          case SENTENCES -> sentences;
          case RATIO -> Math.ceil(ratio * n - 1e-9);
          case WORDS -> tokens == 0 ? 1 : (double) maxWords * n / tokens;
          case CHARS -> chars == 0 ? 1 : (double) maxChars * n / chars;
        };
    return Math.max(1, Math.min(n, k));
  }

  /**
   * The most sentences a summary of a document of {@code n} sentences may hold: k; max(1,
   * ceil(ratio · n)); or n under a word or character budget, which bounds the summary itself.
   */
  public int sentenceLimit(int n) {
    return switch (budget) {
      case SENTENCES -> sentences;
      // The epsilon keeps a product such as 0.55 × 100 = 55.00000000000001 from rounding up.
      case RATIO -> Math.max(1, (int) Math.ceil(ratio * n - 1e-9));
      case WORDS, CHARS -> n;
    };
  }

  /**
   * The settings for a document that gives its own summary length ({@code summarySentences} >
   * 0): budget = sentences with that k; these settings otherwise.
   */
  public RankSettings forDocument(int summarySentences) {
    return summarySentences > 0 ? with(summarySentences, Budget.SENTENCES) : this;
  }

  public RankSettings withSentences(int k) {
    return with(k, budget);
  }

  private RankSettings with(int k, Budget budget) {
    return new RankSettings(
        k, budget, ratio, maxWords, maxChars, temperature, attentionScore, damping,
        stationaryWeight, directedWeight, earlierWeight, laterWeight, threshold, positionWeight,
        positionDecay, lengthWeight, lengthTarget, redundancy, mmrLambda, lexicalWeight, lexicalSifA,
        lexicalHan, positionScale, positionGate, positionCoverage, gateDirected, skipHeadings);
  }
}
