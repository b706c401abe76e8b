package io.attnsum.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.attnsum.testing.TestSettings;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tricky cases of raw English text, each with the sentences it must split into. */
class EnglishSegmentationTest {
  private final DocumentAnalyzer analyzer = new DocumentAnalyzer(TestSettings.text());

  static Stream<Arguments> cases() {
    return Stream.of(
        split(
            "titles",
            "Mr. Smith went to Washington. He met Dr. Jones and Gov. Brown there.",
            "Mr. Smith went to Washington.",
            "He met Dr. Jones and Gov. Brown there."),
        split(
            "dotted acronyms end a sentence only before a typical first word",
            "The U.S. economy grew. U.S. President Obama said so. It rose in the U.S. Then it"
                + " fell.",
            "The U.S. economy grew.",
            "U.S. President Obama said so.",
            "It rose in the U.S.",
            "Then it fell."),
        split(
            "month abbreviation and number",
            "He arrived on Jan. 5. The talks began on Sept. 11 at noon.",
            "He arrived on Jan. 5.",
            "The talks began on Sept. 11 at noon."),
        split(
            "initials",
            "J. K. Rowling wrote it. George W. Bush read it. J.R.R. Tolkien did not. It was Plan B."
                + " The end.",
            "J. K. Rowling wrote it.",
            "George W. Bush read it.",
            "J.R.R. Tolkien did not.",
            "It was Plan B.",
            "The end."),
        split(
            "decimals and money",
            "Profits rose to $1.5bn. Shares rose 3.5 per cent to 2.75 euros.",
            "Profits rose to $1.5bn.",
            "Shares rose 3.5 per cent to 2.75 euros."),
        split(
            "times",
            "At 3 p.m. Tuesday he left. It was 9 a.m. The office was empty at 10.30am.",
            "At 3 p.m. Tuesday he left.",
            "It was 9 a.m.",
            "The office was empty at 10.30am."),
        split(
            "ellipses",
            "Wait... What happened? I don't know... maybe nothing. Well… Then he left.",
            "Wait...",
            "What happened?",
            "I don't know... maybe nothing.",
            "Well…",
            "Then he left."),
        split(
            "closing quote after the period",
            "\"I am here.\" He said so. 'Fine.' She left.",
            "\"I am here.\"",
            "He said so.",
            "'Fine.'",
            "She left."),
        split(
            "closing bracket after the period",
            "(It was late.) Then we left. [See the appendix.] It helps.",
            "(It was late.)",
            "Then we left.",
            "[See the appendix.]",
            "It helps."),
        split(
            "quotation followed by its speech tag",
            "\"Really?\" she asked. \"Yes!\" He nodded.",
            "\"Really?\" she asked.",
            "\"Yes!\"",
            "He nodded."),
        split(
            "headline without final punctuation",
            "Apple laptop is 'greatest gadget'\n\nThe Apple Powerbook 100 has been chosen.",
            "Apple laptop is 'greatest gadget'",
            "The Apple Powerbook 100 has been chosen."),
        split(
            "list items",
            "Ingredients:\n- flour\n- sugar\n* Two eggs",
            "Ingredients:",
            "- flour",
            "- sugar",
            "* Two eggs"),
        split(
            "numbered list: the marker stays with its item",
            "Steps\n1. Mix the flour.\n2. Add the eggs.",
            "Steps",
            "1. Mix the flour.",
            "2. Add the eggs."),
        split(
            "hard-wrapped lines are joined",
            "The quick brown fox\njumps over the lazy dog. The end\r\nof the story.",
            "The quick brown fox\njumps over the lazy dog.",
            "The end\r\nof the story."),
        split(
            "URLs and e-mail addresses",
            "See https://example.org/Docs/V2.Final?id=X today. Mail john.Smith@example.co.uk. "
                + "Or visit www.example.com.",
            "See https://example.org/Docs/V2.Final?id=X today.",
            "Mail john.Smith@example.co.uk.",
            "Or visit www.example.com."),
        split(
            "no space after the period",
            "Shares rose 2%.For the year, sales grew.The end.",
            "Shares rose 2%.",
            "For the year, sales grew.",
            "The end."),
        split(
            "sentence starting with a number",
            "Sales grew in 2003. 80% of it came from Asia. \"2005 will be better,\" he said.",
            "Sales grew in 2003.",
            "80% of it came from Asia.",
            "\"2005 will be better,\" he said."),
        split(
            "abbreviations match whole words only",
            "He downloaded the app. It was free. They flew to Africa. It was hot.",
            "He downloaded the app.",
            "It was free.",
            "They flew to Africa.",
            "It was hot."),
        split(
            "e.g., i.e., et al., Fig.",
            "We use e.g. SGD and i.e. Adam. Smith et al. (2019) showed this in Fig. 3 and No. 4.",
            "We use e.g. SGD and i.e. Adam.",
            "Smith et al. (2019) showed this in Fig. 3 and No. 4."),
        split(
            "a name with an exclamation mark",
            "P!nk sang. The crowd cheered!",
            "P!nk sang.",
            "The crowd cheered!"),
        split(
            "a lone source tag opens the next sentence",
            "(CNN)\n\nThe president spoke. He left.",
            "(CNN)\n\nThe president spoke.",
            "He left."),
        split(
            "punctuation-only pieces close the previous sentence",
            "The end.\n\n* * *\n\nA new chapter.",
            "The end.\n\n* * *",
            "A new chapter."),
        split("no final punctuation", "just a fragment", "just a fragment"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void splitsIntoTheExpectedSentences(String name, String text, List<String> expected) {
    AnalyzedDocument doc = analyzer.analyze("t", text);
    assertThat(doc.language()).isEqualTo(Language.EN);
    assertThat(doc.sentences()).extracting(Sentence::text).containsExactlyElementsOf(expected);
    assertThat(doc.sourceSentenceCount()).isEqualTo(expected.size());
  }

  static Arguments split(String name, String text, String... sentences) {
    return Arguments.of(name, text, List.of(sentences));
  }
}
