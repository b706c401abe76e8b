package io.attnsum.rank;

import io.attnsum.text.AnalyzedDocument;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code run.stages = floor} stand-in for attention and ranking: the first k sentences (the
 * document's own summary length when its record gives one), all scores 0. Used to measure what
 * the model itself costs next to reading, segmenting and writing.
 */
public final class FloorSummarizer {
  private FloorSummarizer() {}

  public static DocumentSummary summarize(AnalyzedDocument d, int configuredK) {
    int k = d.summarySentences() > 0 ? d.summarySentences() : configuredK;
    int n = d.sentences().size();
    int take = Math.min(k, n);
    List<ScoredSentence> scored = new ArrayList<>(n);
    int[] selected = new int[take];
    for (int i = 0; i < n; i++) {
      scored.add(new ScoredSentence(i, 0.0, i + 1, i < take, 0, null, null));
      if (i < take) {
        selected[i] = i;
      }
    }
    return new DocumentSummary(d, scored, selected);
  }
}
