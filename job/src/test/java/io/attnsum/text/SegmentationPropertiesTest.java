package io.attnsum.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.Normalizer2;
import io.attnsum.config.ConfigReader;
import io.attnsum.testing.TestSettings;
import io.attnsum.text.TextSettings.LanguageChoice;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Invariants of the text stage on random and real documents: sentences tile the document (only
 * whitespace, as {@link TextChars#isSpace} defines it, lies between and around them), offsets point
 * at the sentence text, no sentence is empty or untrimmed, tokens are normalised, and the result
 * depends on nothing but the text and the settings.
 */
class SegmentationPropertiesTest {
  private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();

  /** Pieces that stress the splitters: terminators, closers, abbreviations, scripts, spaces. */
  private static final List<String> PIECES =
      List.of(
          "word",
          "Word",
          "U.S.",
          "Mr.",
          "e.g.",
          "p.m.",
          "J.",
          "3.5",
          "$1.5bn",
          "2%.",
          "No.",
          ".",
          ". ",
          "...",
          "…",
          "?",
          "!",
          "?!",
          ",",
          ";",
          ":",
          "\"",
          "'",
          "“",
          "”",
          "(",
          ")",
          "[",
          "]",
          "-",
          "--",
          "``",
          "''",
          " . ",
          " ? ",
          " ! ",
          "-lrb-",
          "-rrb-",
          "p ! nk",
          "( cnn )",
          "1.",
          "(b)",
          "www.example.com",
          "a.b@example.org",
          "https://x.org/A.B?c=D",
          "中文",
          "我们",
          "。",
          "！",
          "？",
          "；",
          "……",
          "」",
          "『",
          "』",
          "（",
          "）",
          "．",
          "😀",
          "𠀀",
          "\uD800",
          "é",
          "ﬁ",
          "Ｆ",
          "İ",
          "ß");

  private static final List<String> SPACES =
      List.of(" ", " ", " ", "  ", "\n", "\n\n", "\r\n", "\t", "\u3000", "\u00A0", "\u200B", "");

  @Provide
  Arbitrary<String> documents() {
    Arbitrary<String> piece = Arbitraries.of(PIECES);
    Arbitrary<String> space = Arbitraries.of(SPACES);
    Arbitrary<String> pair = Combinators.combine(piece, space).as((p, s) -> p + s);
    Arbitrary<String> built = pair.list().ofMaxSize(60).map(l -> String.join("", l));
    Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(200);
    Arbitrary<String> real = Arbitraries.of(SampleDocuments.allTexts());
    return Arbitraries.frequencyOf(Tuple.of(6, built), Tuple.of(2, any), Tuple.of(2, real));
  }

  @Provide
  Arbitrary<String> editedRealDocuments() {
    Arbitrary<String> doc = Arbitraries.of(SampleDocuments.allTexts());
    Arbitrary<String> insert =
        Arbitraries.of(SPACES).flatMap(s -> Arbitraries.of(s, s + ".", "\n\n", "”", "..."));
    return Combinators.combine(doc, Arbitraries.doubles().between(0, 1), insert)
        .as(
            (d, at, s) -> {
              int i = (int) (at * d.length());
              return d.substring(0, i) + s + d.substring(i);
            });
  }

  @Provide
  Arbitrary<LanguageChoice> languages() {
    return Arbitraries.of(LanguageChoice.class);
  }

  private static DocumentAnalyzer analyzer(LanguageChoice language, int maxSentences) {
    return new DocumentAnalyzer(
        TestSettings.text(
            "text.language=" + ConfigReader.configName(language),
            "text.max-sentence-tokens=16",
            "text.max-sentences=" + maxSentences));
  }

  @Property(tries = 400)
  void sentencesTileTheDocument(
      @ForAll("documents") String text, @ForAll("languages") LanguageChoice language) {
    checkTiling(text, analyzer(language, 100_000).analyze("d", text));
  }

  @Property(tries = 200)
  void editedRealDocumentsStillTile(
      @ForAll("editedRealDocuments") String text, @ForAll("languages") LanguageChoice language) {
    checkTiling(text, analyzer(language, 100_000).analyze("d", text));
  }

  static void checkTiling(String text, AnalyzedDocument doc) {
    assertThat(doc.text()).isEqualTo(text);
    StringBuilder rebuilt = new StringBuilder();
    int previousEnd = 0;
    for (int i = 0; i < doc.sentences().size(); i++) {
      Sentence s = doc.sentences().get(i);
      assertThat(s.index()).isEqualTo(i);
      assertThat(s.start()).isGreaterThanOrEqualTo(previousEnd);
      assertThat(s.end()).isGreaterThan(s.start());
      assertThat(s.text()).isEqualTo(text.substring(s.start(), s.end()));
      assertThat(TextChars.isSpace(s.text().charAt(0))).isFalse();
      assertThat(TextChars.isSpace(s.text().charAt(s.text().length() - 1))).isFalse();
      String gap = text.substring(previousEnd, s.start());
      assertThat(gap.chars().allMatch(c -> TextChars.isSpace((char) c))).as("gap %s", gap).isTrue();
      rebuilt.append(gap).append(s.text());
      previousEnd = s.end();
    }
    String tail = text.substring(previousEnd);
    assertThat(tail.chars().allMatch(c -> TextChars.isSpace((char) c))).isTrue();
    rebuilt.append(tail);
    assertThat(rebuilt.toString()).isEqualTo(text);
    assertThat(doc.sentences().isEmpty())
        .isEqualTo(text.chars().allMatch(c -> TextChars.isSpace((char) c)));
  }

  @Property(tries = 200)
  void analysisIsDeterministic(
      @ForAll("documents") String text, @ForAll("languages") LanguageChoice language) {
    DocumentAnalyzer analyzer = analyzer(language, 100_000);
    AnalyzedDocument first = analyzer.analyze("d", text);
    analyzer.analyze("other", "Something else entirely. 完全不同的东西。");
    AnalyzedDocument again = analyzer.analyze("d", text);
    AnalyzedDocument fresh = analyzer(language, 100_000).analyze("d", text);
    assertThat(again).usingRecursiveComparison().isEqualTo(first);
    assertThat(fresh).usingRecursiveComparison().isEqualTo(first);
  }

  @Property(tries = 300)
  void tokensAreNormalisedWords(
      @ForAll("documents") String text, @ForAll("languages") LanguageChoice language) {
    for (Sentence s : analyzer(language, 100_000).analyze("d", text).sentences()) {
      for (String token : s.tokens()) {
        assertThat(token).isNotEmpty();
        assertThat(TextChars.hasLetterOrDigit(token, 0, token.length())).as(token).isTrue();
        assertThat(token.chars().noneMatch(c -> TextChars.isSpace((char) c))).as(token).isTrue();
        assertThat(NFKC_CASEFOLD.isNormalized(token)).as(token).isTrue();
      }
    }
  }

  @Property(tries = 200)
  void maxSentencesKeepsAPrefix(
      @ForAll("documents") String text, @ForAll @IntRange(min = 1, max = 12) int maxSentences) {
    AnalyzedDocument all = analyzer(LanguageChoice.AUTO, 100_000).analyze("d", text);
    AnalyzedDocument kept = analyzer(LanguageChoice.AUTO, maxSentences).analyze("d", text);
    assertThat(kept.sourceSentenceCount()).isEqualTo(all.sentences().size());
    assertThat(kept.sentences())
        .usingRecursiveFieldByFieldElementComparator()
        .containsExactlyElementsOf(
            all.sentences().subList(0, Math.min(maxSentences, all.sentences().size())));
    assertThat(kept.truncated()).isEqualTo(all.sentences().size() > maxSentences);
    long longOnes = kept.sentences().stream().filter(s -> s.tokens().length > 16).count();
    assertThat((long) kept.longSentenceCount()).isEqualTo(longOnes);
  }
}
