package io.attnsum.eval;

/**
 * How many sentences each summary gets. With a fixed k, a ratio or the reference's count, the
 * system's summary is re-selected from its sentences table: the top k by {@code rank}, emitted in
 * document order, so evaluation controls k; {@link AsPredicted} keeps the job's own summary and
 * gives the baselines the same number of sentences per document.
 */
public sealed interface KPolicy {

  /** Description for the report. */
  String describe();

  /** Whether the system summary is rebuilt from the sentences table by rank. */
  default boolean reselects() {
    return true;
  }

  /** k for a document of {@code sentenceCount} sentences (at least 1). */
  int k(GoldDocument gold, int sentenceCount, int predictedCount);

  record Fixed(int k) implements KPolicy {
    @Override
    public String describe() {
      return "fixed k = " + k;
    }

    @Override
    public int k(GoldDocument gold, int sentenceCount, int predictedCount) {
      return k;
    }
  }

  /**
   * k = the reference's sentence count: the count the gold file states (BBC's {@code
   * summary_sentence_idx}, CNN/DM's {@code highlights}), else the first reference's non-empty
   * lines.
   */
  record FromReference() implements KPolicy {
    @Override
    public String describe() {
      return "k = reference sentence count (summary_sentence_idx / highlights / newline-separated"
          + " lines of the first reference)";
    }

    @Override
    public int k(GoldDocument gold, int sentenceCount, int predictedCount) {
      if (gold.referenceSentenceCount() > 0) {
        return gold.referenceSentenceCount();
      }
      int lines = 0;
      for (String line : gold.references().get(0).split("\n")) {
        if (!line.isBlank()) {
          lines++;
        }
      }
      return Math.max(1, lines);
    }
  }

  /** k = ceil(ratio x document sentences), at least 1: for long documents such as judgments. */
  record Ratio(double ratio) implements KPolicy {
    @Override
    public String describe() {
      return "k = max(1, ceil(" + ratio + " x sentence count))";
    }

    @Override
    public int k(GoldDocument gold, int sentenceCount, int predictedCount) {
      return Math.max(1, (int) Math.ceil(ratio * sentenceCount - 1e-9));
    }
  }

  /** The job's own summary; baselines get as many sentences as the job selected. */
  record AsPredicted() implements KPolicy {
    @Override
    public String describe() {
      return "as predicted: the job's summaries; baselines take the job's sentence count per"
          + " document";
    }

    @Override
    public boolean reselects() {
      return false;
    }

    @Override
    public int k(GoldDocument gold, int sentenceCount, int predictedCount) {
      return Math.max(1, predictedCount);
    }
  }
}
