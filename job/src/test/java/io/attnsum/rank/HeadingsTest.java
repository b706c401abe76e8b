package io.attnsum.rank;

import static org.assertj.core.api.Assertions.assertThat;

import io.attnsum.testing.TestSettings;
import io.attnsum.text.AnalyzedDocument;
import io.attnsum.text.DocumentAnalyzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeadingsTest {
  /** A title and four body sentences. */
  private static final String SCHOOL_BUDGET =
      "Budget approved for schools\n\nThe council approved the school budget on Tuesday. "
          + "The school budget rises by four percent. Teachers welcomed the school budget. "
          + "Parents said the budget for schools was overdue.";
  private static final io.attnsum.encode.VectorPack SCHOOL_PACK =
      new io.attnsum.encode.VectorPack(new String[] {"school", "budget", "council"},
          new float[] {1, 0, 0.5f, 1, 0.2f, 0.1f}, 2, new long[] {4, 5, 1});

  private final DocumentAnalyzer analyzer = new DocumentAnalyzer(TestSettings.text());

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Apple laptop is 'greatest gadget'|false",
        "Markets rally.|true",
        "\"It works,\" she said.|true",
        "Is this the end?\"|true",
        "法院作出判决。|true",
        "Results (final)|false",
        "Note:|true",
      })
  void sentenceFinalPunctuationIsFoundPastClosingQuotes(String sentence, boolean ends) {
    assertThat(Headings.endsLikeASentence(sentence)).isEqualTo(ends);
  }

  @Test
  void aTitleParagraphIsAHeadingButAListItemIsNot() {
    AnalyzedDocument doc = analyzer.analyze("d",
        "Apple laptop is 'greatest gadget'\n\nThe Apple Powerbook 100 has been chosen. It was light.\n"
            + "Key facts\nThe list goes on.");
    boolean[] h = Headings.of(doc);
    assertThat(doc.sentences().get(0).text()).isEqualTo("Apple laptop is 'greatest gadget'");
    assertThat(h[0]).isTrue();
    for (int i = 1; i < h.length; i++) {
      assertThat(h[i]).as(doc.sentences().get(i).text()).isFalse();
    }
  }

  @Test
  void theSummarizerLeavesTheTitleOut() {
    AnalyzedDocument doc = analyzer.analyze("d", SCHOOL_BUDGET);
    var pack = SCHOOL_PACK;
    RankSettings k2 = TestSettings.rank("summary.sentences=2");
    DocumentSummary s = DocumentRankerTest.summarize(
        TestSettings.attention(), k2, pack, java.util.List.of(doc)).get(0);
    assertThat(s.selected()).hasSize(2).doesNotContain(0);
    assertThat(s.sentences().get(0).rank()).isEqualTo(doc.sentences().size());
    // The same body without its title ranks the same way: the heading is not in the graph or the
    // priors (only the document centroid that queries attention pooling still sees its words).
    AnalyzedDocument bodyOnly = analyzer.analyze("b", doc.text().substring(doc.sentences().get(1).start()));
    DocumentSummary b = DocumentRankerTest.summarize(
        TestSettings.attention(), k2, pack, java.util.List.of(bodyOnly)).get(0);
    for (int i = 0; i < b.sentences().size(); i++) {
      assertThat(s.sentences().get(i + 1).score())
          .isCloseTo(b.sentences().get(i).score(), org.assertj.core.data.Offset.offset(1e-3));
      assertThat(s.sentences().get(i + 1).rank()).isEqualTo(b.sentences().get(i).rank());
      assertThat(s.sentences().get(i + 1).selected()).isEqualTo(b.sentences().get(i).selected());
    }
  }

  /**
   * A ratio is taken of the document's sentence count, headings included (the count the
   * summaries table reports and evaluation checks against): title + 4 body sentences at 0.5 give
   * ceil(2.5) = 3 sentences, from the body.
   */
  @Test
  void aRatioCountsTheWholeDocumentAndFillsUpWithHeadings() {
    AnalyzedDocument doc = analyzer.analyze("d", SCHOOL_BUDGET);
    var pack = SCHOOL_PACK;
    RankSettings half = TestSettings.rank("summary.budget = ratio", "summary.ratio = 0.5");
    assertThat(half.summary().sentenceLimit(doc.sentences().size())).isEqualTo(3);
    DocumentSummary s = DocumentRankerTest.summarize(
        TestSettings.attention(), half, pack, java.util.List.of(doc)).get(0);
    assertThat(s.selected()).hasSize(3).doesNotContain(0);
  }

  @Test
  void aShortDocumentFillsItsSummaryWithTheHeading() {
    AnalyzedDocument doc = analyzer.analyze("d", "Budget approved\n\nThe council approved the budget.");
    var pack = new io.attnsum.encode.VectorPack(new String[] {"budget"}, new float[] {1, 0}, 2, null);
    DocumentSummary s = DocumentRankerTest.summarize(TestSettings.attention(),
        TestSettings.rank(), pack, java.util.List.of(doc)).get(0);
    assertThat(s.selected()).containsExactly(0, 1);
    assertThat(s.sentences().get(1).rank()).isEqualTo(1);
    // So does a ratio budget, and a document's own length, up to min(k, sentences).
    for (var c : java.util.List.of(
        java.util.Map.entry(TestSettings.rank("summary.budget = ratio",
            "summary.ratio = 1.0"), doc),
        java.util.Map.entry(TestSettings.rank(), doc.withSummarySentences(2)),
        java.util.Map.entry(TestSettings.rank(), doc.withSummarySentences(1)))) {
      DocumentSummary t = DocumentRankerTest.summarize(
          TestSettings.attention(), c.getKey(), pack,
          java.util.List.of(c.getValue())).get(0);
      assertThat(t.selected()).isEqualTo(c.getValue().summarySentences() == 1
          ? new int[] {1} : new int[] {0, 1});
    }
  }
}
