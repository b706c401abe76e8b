package io.attnsum.rank;

import io.attnsum.config.ConfigReader;
import java.io.Serializable;

/**
 * How long a summary may be ({@code summary.*}).
 *
 * @param budget what bounds it
 * @param sentences k for {@link Budget#SENTENCES}
 * @param ratio sentence fraction for {@link Budget#RATIO}
 * @param maxWords token budget for {@link Budget#WORDS}
 * @param maxChars character budget for {@link Budget#CHARS}
 */
public record SummaryBudget(Budget budget, int sentences, double ratio, int maxWords, int maxChars)
    implements Serializable {

  public static SummaryBudget from(ConfigReader r) {
    return new SummaryBudget(
        r.oneOf("summary.budget", Budget.class),
        r.intIn("summary.sentences", 1, 10_000),
        r.doubleIn("summary.ratio", 1e-6, 1.0),
        r.intIn("summary.max-words", 1, 10_000_000),
        r.intIn("summary.max-chars", 1, 100_000_000));
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
   * The budget of a document that gives its own summary length ({@code summarySentences} > 0):
   * that many sentences; this budget otherwise.
   */
  public SummaryBudget forDocument(int summarySentences) {
    return summarySentences > 0
        ? new SummaryBudget(Budget.SENTENCES, summarySentences, ratio, maxWords, maxChars)
        : this;
  }
}
