package io.attnsum.rank;

/** How the summary length is bounded ({@code summary.budget}). */
public enum Budget {
  /** At most {@code summary.sentences} sentences. */
  SENTENCES,
  /** Sentences whose token counts add up to at most {@code summary.max-words}. */
  WORDS,
  /** Sentences whose texts add up to at most {@code summary.max-chars} characters. */
  CHARS,
  /** ceil({@code summary.ratio} × sentence count) sentences, at least one. */
  RATIO;

  /** Whether the budget is a sentence count (a summary then has min(count, sentences)). */
  public boolean countsSentences() {
    return this == SENTENCES || this == RATIO;
  }
}
