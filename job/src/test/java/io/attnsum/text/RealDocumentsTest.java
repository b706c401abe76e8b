package io.attnsum.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.attnsum.testing.TestSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Rows of the shared data sets, copied into {@code src/test/resources/text/}. */
class RealDocumentsTest {
  private final DocumentAnalyzer analyzer = new DocumentAnalyzer(TestSettings.text());

  @Test
  void scitldrSentencesMatchTheDatasetSplit() {
    for (JsonNode row : SampleDocuments.rows("scitldr.sample.jsonl")) {
      AnalyzedDocument doc = analyzer.analyze(row.get("id").asText(), row.get("text").asText());
      assertThat(doc.language()).isEqualTo(Language.EN);
      assertThat(texts(doc)).as(doc.id()).containsExactlyElementsOf(strings(row.get("sentences")));
    }
  }

  @Test
  void bbcSentencesAreTheTitleAndTheBodySentences() {
    for (JsonNode row : SampleDocuments.rows("bbc.sample.jsonl")) {
      AnalyzedDocument doc = analyzer.analyze(row.get("id").asText(), row.get("text").asText());
      List<String> expected = new ArrayList<>();
      expected.add(row.get("title").asText().strip());
      expected.addAll(strings(row.get("body_sentences")));
      assertThat(texts(doc)).as(doc.id()).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void cnndmSentencesEndAtTerminatorTokens() {
    Pattern ending = Pattern.compile(".*(?: [.?!]+| ''| '| ’| \\)| -rrb-)");
    for (JsonNode row : SampleDocuments.rows("cnndm.sample.jsonl")) {
      String text = row.get("text").asText();
      AnalyzedDocument doc = analyzer.analyze(row.get("id").asText(), text);
      assertThat(doc.language()).isEqualTo(Language.EN);
      List<Sentence> sentences = doc.sentences();
      // Every sentence but possibly the last ends with a terminator or a closer.
      for (Sentence s : sentences.subList(0, sentences.size() - 1)) {
        assertThat(s.text()).as(doc.id()).matches(ending);
      }
      // No sentence starts with a closing quote or is a bare source tag.
      for (Sentence s : sentences) {
        assertThat(s.text()).as(doc.id()).doesNotStartWith("''").isNotEqualTo("( cnn )");
      }
      // At least as many sentences as there are " . " tokens outside names and titles, minus
      // the merged ones: roughly one per terminator.
      long terminators = Pattern.compile(" [.?!]+(?= |$)").matcher(text).results().count();
      assertThat((long) sentences.size()).as(doc.id()).isBetween(terminators / 2, terminators + 1);
    }
    AnalyzedDocument pink =
        analyzer.analyze(
            "p", SampleDocuments.rows("cnndm.sample.jsonl").get(0).get("text").asText());
    assertThat(texts(pink)).noneMatch(s -> s.startsWith("nk "));
  }

  @Test
  void chineseSentencesEndAtTerminatorsWithTheirClosingQuotes() {
    Pattern ending = Pattern.compile(".*[。！？；…!?;.．][”’」』）)】》\"]*");
    for (String file : SampleDocuments.CHINESE_SETS) {
      for (JsonNode row : SampleDocuments.rows(file)) {
        String text = row.get("text").asText();
        AnalyzedDocument doc = analyzer.analyze(row.get("id").asText(), text);
        assertThat(doc.language()).as(doc.id()).isEqualTo(Language.ZH);
        List<Sentence> sentences = doc.sentences();
        for (Sentence s : sentences.subList(0, sentences.size() - 1)) {
          assertThat(s.text()).as(doc.id()).matches(ending);
        }
        for (Sentence s : sentences) {
          assertThat(s.text()).as(doc.id()).doesNotStartWith("”").doesNotStartWith("」");
          assertThat(s.tokens()).as(doc.id()).isNotEmpty();
        }
      }
    }
  }

  private static List<String> texts(AnalyzedDocument doc) {
    return doc.sentences().stream().map(Sentence::text).toList();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText().strip()));
    return out;
  }
}
