package io.attnsum.attention;

import io.attnsum.config.ConfigReader;
import java.io.Serializable;

/**
 * Settings of the attention stage ({@code attention.*}).
 *
 * @param batchSize sentence windows per batched ND4J attention op
 * @param windowTokens known tokens per attention window; longer sentences are split into windows
 *     attended separately ({@code text.max-sentence-tokens}, so the two cannot disagree)
 * @param tokenWeights whether per-token pooling weights α are returned ({@code
 *     output.token-weights})
 * @param prior the frequency prior on tokens
 * @param sifA SIF smoothing constant {@code a}
 * @param priorWeight multiplier of {@code log(prior)} in the pooling logits (0 = ignore prior)
 * @param queryMix pooling query = mix · document centroid + (1 − mix) · sentence mean
 * @param poolTemperature divides the pooling logits {@code q·h/√d}; lower = peakier α
 * @param kernel who computes the attention's dot products (resolved in each JVM that pools)
 * @param pooling attention pooling or the encoder's own
 */
public record AttentionSettings(
    int batchSize,
    int windowTokens,
    boolean tokenWeights,
    TokenPrior prior,
    double sifA,
    double priorWeight,
    double queryMix,
    double poolTemperature,
    AttentionKernel kernel,
    SentencePooling pooling)
    implements Serializable {

  public AttentionSettings {
    if (batchSize < 1 || windowTokens < 1) {
      throw new IllegalArgumentException("batchSize and windowTokens must be positive");
    }
    if (!(sifA > 0) || !(poolTemperature > 0) || !(queryMix >= 0 && queryMix <= 1)) {
      throw new IllegalArgumentException("sifA, poolTemperature > 0 and queryMix in [0, 1]");
    }
    if (kernel == null) {
      throw new IllegalArgumentException("kernel must be given");
    }
  }

  /**
   * Reads {@code attention.*}; the two values the stage shares with other sections come from the
   * job's wiring.
   *
   * @param windowTokens the text stage's {@code text.max-sentence-tokens}
   * @param tokenWeights the output's {@code output.token-weights}
   */
  public static AttentionSettings from(ConfigReader r, int windowTokens, boolean tokenWeights) {
    return new AttentionSettings(
        r.intIn("attention.batch-size", 1, 65_536),
        windowTokens,
        tokenWeights,
        r.oneOf("attention.prior", TokenPrior.class),
        r.doubleIn("attention.sif-a", 1e-8, 1.0),
        r.doubleIn("attention.prior-weight", 0.0, 100.0),
        r.doubleIn("attention.query-mix", 0.0, 1.0),
        r.doubleIn("attention.pool-temperature", 1e-3, 1e3),
        r.oneOf("attention.kernel", AttentionKernel.class),
        r.oneOf("attention.pooling", SentencePooling.class));
  }
}
