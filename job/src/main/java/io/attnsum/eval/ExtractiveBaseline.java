package io.attnsum.eval;

/** An unsupervised (or, for the oracle, reference-peeking) extractive summarizer to compare with. */
public interface ExtractiveBaseline {

  /** Name in the report, e.g. {@code LEAD}. */
  String name();

  /**
   * Indices (ascending, document order) of at most {@code k} sentences of {@code doc}; all of
   * them when the document has at most {@code k}.
   */
  int[] select(EvalDocument doc, int k);
}
