package io.attnsum.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.attnsum.rank.DocumentSummary;
import io.attnsum.rank.ScoredSentence;
import io.attnsum.testing.TestSettings;
import io.attnsum.text.AnalyzedDocument;
import io.attnsum.text.DocumentAnalyzer;
import io.attnsum.text.Sentence;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class OutputTablesTest {
  private final AnalyzedDocument document = new DocumentAnalyzer(TestSettings.text()).analyze(
      "d1", "First line of a sentence\nthat wraps. Second one here! A third?");
  private final DocumentSummary summary = summaryOf(document);

  private static DocumentSummary summaryOf(AnalyzedDocument d) {
    List<ScoredSentence> scored = new ArrayList<>();
    int n = d.sentences().size();
    for (int i = 0; i < n; i++) {
      scored.add(new ScoredSentence(i, 1.0 / (i + 1), i + 1, i != 1, 2,
          new float[d.sentences().get(i).tokens().length], d.sentences().get(i).tokens()));
    }
    return new DocumentSummary(d, scored, new int[] {0, 2});
  }

  @Test
  void theLeanSummaryGivesTheSameRowsAsTheWholeOne() {
    assertThat(document.sentences()).hasSize(3);
    DocumentSummary lean = summary.forOutput(false);
    assertThat(lean.document().text()).isNull();
    assertThat(lean.document().sentences()).allMatch(s -> s.tokens() == null);
    assertThat(rows(lean, false)).isEqualTo(rows(summary, false));
    assertThat(values(List.of(OutputTables.summaryRow(lean))))
        .isEqualTo(values(List.of(OutputTables.summaryRow(summary))));

    DocumentSummary withTokens = summary.forOutput(true);
    assertThat(withTokens.document().text()).isNull();
    assertThat(withTokens.document().sentences()).extracting(Sentence::tokens)
        .containsExactlyElementsOf(document.sentences().stream().map(Sentence::tokens).toList());
    assertThat(values(rows(withTokens, true))).isEqualTo(values(rows(summary, true)));
  }

  @Test
  void aSummaryLineStaysOneLine() {
    Row row = OutputTables.summaryRow(summary);
    assertThat(row.getString(2)).isEqualTo("First line of a sentence that wraps.\nA third?");
  }

  /** Row values with arrays as lists, so rows holding arrays compare by content. */
  private static List<List<Object>> values(List<Row> rows) {
    List<List<Object>> out = new ArrayList<>();
    for (Row r : rows) {
      List<Object> v = new ArrayList<>();
      for (int i = 0; i < r.length(); i++) {
        Object x = r.get(i);
        v.add(x instanceof Object[] a ? List.of(a) : x);
      }
      out.add(v);
    }
    return out;
  }

  private static List<Row> rows(DocumentSummary s, boolean weights) {
    return OutputTables.sentenceRows(s, weights);
  }
}
