package io.attnsum.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.attnsum.testing.TestSettings;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The lowercased, Penn Treebank tokenized form of the CNN/DailyMail release. */
class PretokenizedSegmentationTest {
  private final DocumentAnalyzer analyzer = new DocumentAnalyzer(TestSettings.text());

  static Stream<Arguments> cases() {
    return Stream.of(
        split(
            "source tag opens the article",
            "( cnn ) the cat sat on the mat . the dog ran away .",
            "( cnn ) the cat sat on the mat .",
            "the dog ran away ."),
        split(
            "p ! nk is a name",
            "singer p ! nk sang at the show . fans loved p ! nk 's dress !",
            "singer p ! nk sang at the show .",
            "fans loved p ! nk 's dress !"),
        split(
            "closing quotes stay, a comma continues",
            "`` we did it ! '' , he said . `` really ? '' she asked . yes .",
            "`` we did it ! '' , he said .",
            "`` really ? '' she asked .",
            "yes ."),
        split(
            "single quotes of the daily mail",
            "he said : ' i am here . ' then he left . ' it hurts ! ’ she cried .",
            "he said : ' i am here . '",
            "then he left .",
            "' it hurts ! ’ she cried ."),
        split(
            "a title split from its period",
            "indiana gov . mike pence signed the bill . it passed .",
            "indiana gov . mike pence signed the bill .",
            "it passed ."),
        split(
            "ellipsis inside, runs of terminators",
            "it was late ... we left . really ?! yes ! ! !",
            "it was late ... we left .",
            "really ?!",
            "yes ! ! !"),
        split(
            "numbered list markers",
            "here are the steps . 1 . mix the flour . 2 . add eggs .",
            "here are the steps .",
            "1 . mix the flour .",
            "2 . add eggs ."),
        split(
            "bracket tokens",
            "-lrb- cnn -rrb- officials said -lrb- on monday . -rrb- more later .",
            "-lrb- cnn -rrb- officials said -lrb- on monday . -rrb-",
            "more later ."),
        split(
            "line breaks end sentences",
            "-lrb- cnn -rrb-\nthe president spoke , briefly . he left\nlater , he came back",
            "-lrb- cnn -rrb-\nthe president spoke , briefly .",
            "he left",
            "later , he came back"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void splitsIntoTheExpectedSentences(String name, String text, List<String> expected) {
    assertThat(analyzer.analyze("t", text).sentences())
        .extracting(Sentence::text)
        .containsExactlyElementsOf(expected);
  }

  @Test
  void recognisesTheTokenizedForm() {
    assertThat(SentenceSplitter.looksPreTokenized("the cat , the dog . a bird ?")).isTrue();
    assertThat(SentenceSplitter.looksPreTokenized("The cat, the dog. A bird? Yes.")).isFalse();
    assertThat(SentenceSplitter.looksPreTokenized("One sentence .")).isFalse();
    assertThat(SentenceSplitter.looksPreTokenized("")).isFalse();
  }

  @Test
  void tokensDropTreebankArtefacts() {
    assertThat(
            analyzer
                .analyze("t", "-lrb- cnn -rrb- obama 's plan , `` do n't '' .")
                .sentences()
                .get(0)
                .tokens())
        .containsExactly("cnn", "obama", "plan", "do", "n't");
  }

  static Arguments split(String name, String text, String... sentences) {
    return Arguments.of(name, text, List.of(sentences));
  }
}
