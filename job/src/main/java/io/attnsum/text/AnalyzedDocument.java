package io.attnsum.text;

import java.io.Serializable;
import java.util.List;

/**
 * A document after the text stage.
 *
 * @param sentences the sentences kept for ranking, in document order, indices 0..n-1
 * @param sourceSentenceCount sentences found before the {@code text.max-sentences} guard
 * @param longSentenceCount sentences over {@code text.max-sentence-tokens} (split for attention)
 */
public record AnalyzedDocument(
    String id,
    Language language,
    String text,
    List<Sentence> sentences,
    int sourceSentenceCount,
    int longSentenceCount)
    implements Serializable {

  public boolean truncated() {
    return sourceSentenceCount > sentences.size();
  }
}
