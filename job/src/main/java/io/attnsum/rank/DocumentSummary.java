package io.attnsum.rank;

import io.attnsum.text.AnalyzedDocument;
import io.attnsum.text.Sentence;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Ranking output for one document.
 *
 * @param sentences one entry per sentence of {@code document}, in document order
 * @param selected indices of the summary sentences, ascending (document order)
 */
public record DocumentSummary(
    AnalyzedDocument document, List<ScoredSentence> sentences, int[] selected)
    implements Serializable {

  /**
   * This summary without what the output tables never read: the document's full text and,
   * unless {@code keepTokens}, the sentences' tokens. The job caches summaries and the write
   * stage reads them twice, so they should carry no more than the tables need; the text and the
   * tokens are about two thirds of a news document's cached bytes.
   */
  public DocumentSummary forOutput(boolean keepTokens) {
    List<Sentence> kept = new ArrayList<>(document.sentences().size());
    for (Sentence s : document.sentences()) {
      kept.add(keepTokens ? s : new Sentence(s.index(), s.text(), s.start(), s.end(), null));
    }
    AnalyzedDocument lean = new AnalyzedDocument(document.id(), document.language(), null, kept,
        document.sourceSentenceCount(), document.longSentenceCount(), document.summarySentences());
    return new DocumentSummary(lean, sentences, selected);
  }
}
