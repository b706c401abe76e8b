package io.attnsum.rank;

import static org.assertj.core.api.Assertions.assertThat;

import io.attnsum.text.AnalyzedDocument;
import io.attnsum.text.DocumentAnalyzer;
import io.attnsum.text.TextSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeadingsTest {
  private final DocumentAnalyzer analyzer = new DocumentAnalyzer(TextSettings.defaults());

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
  void demotedHeadingsRankLastAndKeepTheirOrder() {
    double[] scores = {5.0, 1.0, 3.0, 4.0};
    boolean[] heading = {true, false, false, true};
    Headings.demote(scores, heading);
    assertThat(scores[0]).isLessThan(scores[1]).isGreaterThan(scores[3]);
    assertThat(scores[3]).isLessThan(1.0).isGreaterThan(-0.001);
    assertThat(scores[1]).isEqualTo(1.0);
    double[] all = {2.0, 1.0};
    Headings.demote(all, new boolean[] {true, true});
    assertThat(all).containsExactly(2.0, 1.0);
  }

  @Test
  void theSummarizerLeavesTheTitleOut() {
    AnalyzedDocument doc = analyzer.analyze("d",
        "Budget approved for schools\n\nThe council approved the school budget on Tuesday. "
            + "The school budget rises by four percent. Teachers welcomed the school budget. "
            + "Parents said the budget for schools was overdue.");
    var pack = new io.attnsum.vectors.VectorPack(new String[] {"school", "budget", "council"},
        new float[] {1, 0, 0.5f, 1, 0.2f, 0.1f}, 2, new long[] {4, 5, 1});
    RankSettings k2 = RankSettings.defaults().withSentences(2);
    DocumentSummary s = new DocumentSummarizer(
        io.attnsum.attention.AttentionSettings.defaults(), k2, pack).summarize(java.util.List.of(doc)).get(0);
    assertThat(s.selected()).hasSize(2).doesNotContain(0);
    assertThat(s.sentences().get(0).rank()).isEqualTo(doc.sentences().size());
  }
}
