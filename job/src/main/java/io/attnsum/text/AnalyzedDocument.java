package io.attnsum.text;

import java.io.Serializable;
import java.util.List;

/**
 * A document after the text stage.
 *
 * @param sentences the sentences kept for ranking, in document order, indices 0..n-1
 * @param sourceSentenceCount sentences found before the {@code text.max-sentences} guard
 * @param longSentenceCount sentences over {@code text.max-sentence-tokens} (split for attention)
 * @param summarySentences the document's own summary length in sentences from its input record
 *     ({@code input.summary-sentences-field}); 0 = the configured budget
 */
public record AnalyzedDocument(
    String id,
    Language language,
    String text,
    List<Sentence> sentences,
    int sourceSentenceCount,
    int longSentenceCount,
    int summarySentences)
    implements Serializable {

  /** A document that follows the configured summary budget. */
  public AnalyzedDocument(String id, Language language, String text, List<Sentence> sentences,
      int sourceSentenceCount, int longSentenceCount) {
    this(id, language, text, sentences, sourceSentenceCount, longSentenceCount, 0);
  }

  public boolean truncated() {
    return sourceSentenceCount > sentences.size();
  }

  /** This document with its own summary length ({@code k} > 0) or the configured one (0). */
  public AnalyzedDocument withSummarySentences(int k) {
    return k == summarySentences ? this
        : new AnalyzedDocument(id, language, text, sentences, sourceSentenceCount,
            longSentenceCount, k);
  }
}
