package io.attnsum.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.attnsum.config.ConfigException;
import io.attnsum.config.ConfigLoader;
import io.attnsum.config.ConfigReader;
import io.attnsum.testing.TestSettings;
import io.attnsum.text.TextSettings.ChineseTokens;
import io.attnsum.text.TextSettings.LanguageChoice;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class DocumentAnalyzerTest {
  private final DocumentAnalyzer analyzer = new DocumentAnalyzer(TestSettings.text());

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", " ", "\n\n\t ", "\u3000\u00A0\u200B"})
  void emptyOrWhitespaceTextHasNoSentences(String text) {
    AnalyzedDocument doc = analyzer.analyze("empty", text);
    assertThat(doc.id()).isEqualTo("empty");
    assertThat(doc.text()).isEqualTo(text == null ? "" : text);
    assertThat(doc.sentences()).isEmpty();
    assertThat(doc.sourceSentenceCount()).isZero();
    assertThat(doc.longSentenceCount()).isZero();
    assertThat(doc.truncated()).isFalse();
  }

  @Test
  void sentencesKeepTheSourceTextAndOffsets() {
    String text = "  First one.  Second one!\n\nThird?  ";
    AnalyzedDocument doc = analyzer.analyze("d", text);
    assertThat(doc.sentences())
        .extracting(Sentence::text)
        .containsExactly("First one.", "Second one!", "Third?");
    for (Sentence s : doc.sentences()) {
      assertThat(text.substring(s.start(), s.end())).isEqualTo(s.text());
    }
    assertThat(doc.sentences()).extracting(Sentence::index).containsExactly(0, 1, 2);
    assertThat(doc.sentences().get(1).tokens()).containsExactly("second", "one");
  }

  @Test
  void documentsOverMaxSentencesKeepTheFirstOnes() {
    DocumentAnalyzer a = new DocumentAnalyzer(TestSettings.text("text.max-sentences=3"));
    AnalyzedDocument doc = a.analyze("d", "One. Two. Three. Four. Five.");
    assertThat(doc.sentences())
        .extracting(Sentence::text)
        .containsExactly("One.", "Two.", "Three.");
    assertThat(doc.sentences()).extracting(Sentence::index).containsExactly(0, 1, 2);
    assertThat(doc.sourceSentenceCount()).isEqualTo(5);
    assertThat(doc.truncated()).isTrue();
  }

  @Test
  void sentencesOverMaxTokensAreCounted() {
    DocumentAnalyzer a = new DocumentAnalyzer(TestSettings.text("text.max-sentence-tokens=4"));
    AnalyzedDocument doc =
        a.analyze("d", "One two three four. One two three four five. A b c d e f g.");
    assertThat(doc.longSentenceCount()).isEqualTo(2);
    assertThat(doc.sentences()).hasSize(3);
  }

  @Test
  void longSentencesAreCountedAmongTheKeptOnesOnly() {
    DocumentAnalyzer a = new DocumentAnalyzer(
            TestSettings.text("text.max-sentence-tokens=4", "text.max-sentences=1"));
    AnalyzedDocument doc = a.analyze("d", "Short one. One two three four five six.");
    assertThat(doc.longSentenceCount()).isZero();
    assertThat(doc.sourceSentenceCount()).isEqualTo(2);
  }

  @Test
  void aSentenceWithoutTokensIsStillASentence() {
    AnalyzedDocument doc = analyzer.analyze("d", "!!! ???");
    assertThat(doc.sentences()).hasSize(1);
    Sentence s = doc.sentences().get(0);
    assertThat(s.text()).isEqualTo("!!! ???");
    assertThat(s.tokens()).isEmpty();
  }

  @Test
  void pathologicalDocumentsTakeLinearTime() {
    // A long run of word characters with an "@" (an e-mail address look-alike), a long text of
    // abbreviations and a long unpunctuated Chinese run: each takes well under a second; a
    // quadratic scan would take minutes.
    String[] texts = {
      "a".repeat(300_000) + "@b.c " + "x".repeat(300_000),
      "Mr. Smith met Dr. J. Jones at 3 p.m. Tuesday. ".repeat(10_000),
      "中华人民共和国成立了".repeat(20_000),
    };
    for (String text : texts) {
      assertTimeoutPreemptively(Duration.ofSeconds(30), () -> analyzer.analyze("big", text));
    }
  }

  @Test
  void languageIsDetectedPerDocumentByScript() {
    assertThat(analyzer.analyze("en", "The cat sat on the mat.").language()).isEqualTo(Language.EN);
    assertThat(analyzer.analyze("zh", "今天天气很好。").language()).isEqualTo(Language.ZH);
    assertThat(analyzer.analyze("mixed", "苹果公司发布了iPhone 15 Pro Max和Apple Watch。").language())
        .isEqualTo(Language.ZH);
    assertThat(
            analyzer.analyze("name", "Li Ming (李明) met the press in Beijing on Monday.").language())
        .isEqualTo(Language.EN);
    assertThat(analyzer.analyze("other", "Привет, мир.").language()).isEqualTo(Language.EN);
  }

  @Test
  void languageCanBeForced() {
    DocumentAnalyzer zh = new DocumentAnalyzer(TestSettings.text("text.language=zh"));
    assertThat(zh.analyze("d", "Hello world.").language()).isEqualTo(Language.ZH);
    assertThat(zh.detect("Hello")).isEqualTo(Language.ZH);
    DocumentAnalyzer en = new DocumentAnalyzer(TestSettings.text("text.language=en"));
    AnalyzedDocument doc = en.analyze("d", "今天天气很好。我们去公园吧！");
    assertThat(doc.language()).isEqualTo(Language.EN);
    // ICU's Unicode rules still split Chinese full stops.
    assertThat(doc.sentences()).hasSize(2);
  }

  @Test
  void oneAnalyzerHandlesBothLanguagesInTurn() {
    AnalyzedDocument zh1 = analyzer.analyze("a", "今天天气很好。我们去公园吧！");
    AnalyzedDocument en = analyzer.analyze("b", "The cat sat. The dog ran.");
    AnalyzedDocument zh2 = analyzer.analyze("a", "今天天气很好。我们去公园吧！");
    assertThat(en.sentences()).hasSize(2);
    assertThat(zh2).usingRecursiveComparison().isEqualTo(zh1);
  }

  @Test
  void settingsAreReadFromConfiguration() {
    TextSettings defaults = TextSettings.from(new ConfigReader(ConfigLoader.load(null, List.of())));
    assertThat(defaults)
        .isEqualTo(
            new TextSettings(LanguageChoice.AUTO, 128, 200, false, false, ChineseTokens.WORDS));

    TextSettings set =
        TextSettings.from(
            new ConfigReader(
                ConfigLoader.load(
                    null,
                    List.of(
                        "text.language=zh",
                        "text.zh.tokens=chars",
                        "text.stopwords=true",
                        "text.stemming=yes",
                        "text.max-sentences=10"))));
    assertThat(set)
        .isEqualTo(new TextSettings(LanguageChoice.ZH, 128, 10, true, true, ChineseTokens.CHARS));
  }

  @Test
  void invalidSettingsNameTheKey() {
    assertThatThrownBy(
            () ->
                TextSettings.from(
                    new ConfigReader(ConfigLoader.load(null, List.of("text.language=fr")))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("text.language")
        .hasMessageContaining("auto | en | zh");
    assertThatThrownBy(
            () ->
                TextSettings.from(
                    new ConfigReader(ConfigLoader.load(null, List.of("text.zh.tokens=bigrams")))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("text.zh.tokens");
  }
}
