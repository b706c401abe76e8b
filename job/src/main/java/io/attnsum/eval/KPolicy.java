package io.attnsum.eval;

/**
 * The baselines' summary length per document, and what the job's summaries are checked against.
 * Evaluation always scores the job's summaries as written: the job selects them with its own
 * ranking, redundancy rule and budget, and a re-selection here (say, the top k by rank) would be
 * another system. So a length that varies per document is given to the job itself ({@code
 * summary.budget = ratio}, {@code input.summary-sentences-field}), and a policy here only sets the
 * baselines' k and counts the written summaries whose sentence count is not min(k, sentences).
 * {@link AsPredicted}, the default, gives each baseline as many sentences as the job wrote.
 */
public sealed interface KPolicy {

  /** Description for the report. */
  String describe();

  /** Whether the written summaries are checked against this policy's k. */
  default boolean checks() {
    return true;
  }

  /**
   * k for a document of {@code sentenceCount} sentences whose written summary has {@code
   * writtenCount} (at least 1).
   */
  int k(GoldDocument gold, int sentenceCount, int writtenCount);

  record Fixed(int k) implements KPolicy {
    @Override
    public String describe() {
      return "k = " + k;
    }

    @Override
    public int k(GoldDocument gold, int sentenceCount, int writtenCount) {
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
      return "k = the reference's sentence count (summary_sentence_idx / highlights /"
          + " newline-separated lines of the first reference)";
    }

    @Override
    public int k(GoldDocument gold, int sentenceCount, int writtenCount) {
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

  /**
   * k = max(1, ceil(ratio x sentences)), for long documents such as judgments: the job's own
   * {@code summary.budget = ratio} rule over the same sentence count (the document's sentences
   * table, headings included).
   */
  record Ratio(double ratio) implements KPolicy {
    @Override
    public String describe() {
      return "k = max(1, ceil(" + ratio + " x sentence count))";
    }

    @Override
    public int k(GoldDocument gold, int sentenceCount, int writtenCount) {
      // The same epsilon as RankSettings.sentenceLimit, so both round alike.
      return Math.max(1, (int) Math.ceil(ratio * sentenceCount - 1e-9));
    }
  }

  /** No policy: each baseline gets as many sentences as the job's summary of that document. */
  record AsPredicted() implements KPolicy {
    @Override
    public String describe() {
      return "k = the sentence count of the job's summary, per document";
    }

    @Override
    public boolean checks() {
      return false;
    }

    @Override
    public int k(GoldDocument gold, int sentenceCount, int writtenCount) {
      return Math.max(1, writtenCount);
    }
  }
}
