package io.attnsum.encode;

import io.attnsum.config.ConfigException;
import io.attnsum.config.ConfigReader;
import java.io.Serializable;

/**
 * Settings of the vectors stage ({@code vectors.*}).
 *
 * @param path pretrained vectors file (Hadoop path), or null to train on the corpus
 * @param format its format; {@code AUTO} detects it
 * @param reuse with no {@code path}: reuse vectors an earlier run trained and saved
 * @param train how to train when there is no {@code path}
 * @param broadcastWords up to this many distinct corpus words, the vocabulary is broadcast to the
 *     tasks reading a text vectors file; above it the file's lines are joined with it by a shuffle
 */
public record VectorSettings(
    String path, VectorFormat format, boolean reuse, Training train, long broadcastWords)
    implements Serializable {

  /** Word2Vec's two architectures (Mikolov et al. 2013, "Efficient Estimation of Word..."). */
  public enum Algorithm {
    SKIPGRAM,
    CBOW
  }

  /**
   * Word2Vec training on the corpus ({@code vectors.train.*}).
   *
   * @param negative negative samples per word; 0 = hierarchical softmax instead
   * @param subsampling frequent-word down-sampling threshold (word2vec's {@code -sample}); 0 = off
   * @param sampleSentences at most this many sentences are collected to the driver to train on
   */
  public record Training(
      Algorithm algorithm,
      int dimensions,
      int window,
      int minCount,
      int epochs,
      double learningRate,
      int negative,
      double subsampling,
      long seed,
      int workers,
      int sampleSentences)
      implements Serializable {

    /** The combination DL4J 1.0.0-M2.1 cannot train (see {@link VectorSettings#from}). */
    public boolean cbowWithNegativeSampling() {
      return algorithm == Algorithm.CBOW && negative > 0;
    }

    /** A stable text of every setting that changes the trained vectors (names saved files). */
    public String fingerprint() {
      return String.format(
          java.util.Locale.ROOT,
          "%s-d%d-w%d-min%d-e%d-lr%s-neg%d-sub%s-seed%d-workers%d-sample%d",
          ConfigReader.configName(algorithm), dimensions, window, minCount, epochs,
          learningRate, negative, subsampling, seed, workers, sampleSentences);
    }
  }

  public static VectorSettings from(ConfigReader r) {
    VectorSettings s = new VectorSettings(
        r.optionalString("vectors.path"),
        r.oneOf("vectors.format", VectorFormat.class),
        r.bool("vectors.reuse"),
        new Training(
            r.oneOf("vectors.train.algorithm", Algorithm.class),
            r.intIn("vectors.train.dimensions", 1, 4096),
            r.intIn("vectors.train.window", 1, 100),
            r.intIn("vectors.train.min-count", 1, 1_000_000),
            r.intIn("vectors.train.epochs", 1, 1000),
            r.doubleIn("vectors.train.learning-rate", 1e-6, 1.0),
            r.intIn("vectors.train.negative", 0, 100),
            r.doubleIn("vectors.train.subsampling", 0.0, 1.0),
            r.longIn("vectors.train.seed", Long.MIN_VALUE, Long.MAX_VALUE),
            r.intIn("vectors.train.workers", 1, 256),
            r.intIn("vectors.train.sample-sentences", 1, 50_000_000)),
        r.longIn("vectors.broadcast-words", 0, 100_000_000));
    if (s.train().cbowWithNegativeSampling()) {
      throw new ConfigException(
          "vectors.train.negative",
          "is " + s.train().negative() + " with vectors.train.algorithm = cbow; DL4J 1.0.0-M2.1's "
              + "CBOW fails with negative sampling (its native op rejects the batch and training "
              + "hangs), so set negative = 0 (hierarchical softmax) or algorithm = skipgram");
    }
    return s;
  }
}
