package io.attnsum.encode;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random strings mixed from many Unicode blocks (controls, spaces, marks, many scripts, CJK of
 * every range Hugging Face knows and the gap between, emoji, private use, tags, unassigned code
 * points) and literal special tokens: ids and word indices equal Hugging Face's on both models.
 */
class WordPieceTokenizerPropertyTest {
  private static HuggingFaceReference english;
  private static HuggingFaceReference chinese;

  @BeforeContainer
  static void load() {
    english = HuggingFaceReference.of(BuiltInEncoder.ALL_MINILM_L6_V2);
    chinese = HuggingFaceReference.of(BuiltInEncoder.BGE_SMALL_ZH_V1_5);
  }

  @AfterContainer
  static void close() {
    english.close();
    chinese.close();
  }

  @Property(tries = 300)
  void englishModelGivesHuggingFacesIds(@ForAll("texts") String text) {
    english.assertSame(new HuggingFaceReference.Line("random", text));
  }

  @Property(tries = 300)
  void chineseModelGivesHuggingFacesIds(@ForAll("texts") String text) {
    chinese.assertSame(new HuggingFaceReference.Line("random", text));
  }

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> piece =
        Arbitraries.frequencyOf(
            Tuple.of(30, codePoints(0x61, 0x7A)), // a-z
            Tuple.of(8, codePoints(0x41, 0x5A)), // A-Z
            Tuple.of(10, Arbitraries.of(" ", " ", "\t", "\n", "\u00a0", "\u3000", "\u2003")),
            Tuple.of(6, codePoints(0x21, 0x40)), // ASCII punctuation and digits
            Tuple.of(3, codePoints(0x00, 0x1F)), // C0 controls
            Tuple.of(2, codePoints(0x7F, 0x9F)), // DEL and C1 controls
            Tuple.of(6, codePoints(0xC0, 0x24F)), // Latin-1 and Latin Extended
            Tuple.of(6, codePoints(0x300, 0x36F)), // combining diacritical marks
            Tuple.of(4, codePoints(0x370, 0x3FF)), // Greek
            Tuple.of(4, codePoints(0x400, 0x4FF)), // Cyrillic
            Tuple.of(3, codePoints(0x590, 0x6FF)), // Hebrew and Arabic
            Tuple.of(3, codePoints(0x900, 0x97F)), // Devanagari
            Tuple.of(3, codePoints(0xE00, 0xE7F)), // Thai
            Tuple.of(3, codePoints(0x1E00, 0x1FFF)), // Latin Extended Additional, Greek Extended
            Tuple.of(4, codePoints(0x2000, 0x206F)), // general punctuation and format characters
            Tuple.of(2, codePoints(0x2E00, 0x2E7F)), // supplemental punctuation
            Tuple.of(4, codePoints(0x3040, 0x30FF)), // hiragana and katakana
            Tuple.of(8, codePoints(0x4E00, 0x9FFF)), // CJK unified ideographs
            Tuple.of(2, codePoints(0x3400, 0x4DBF)), // CJK extension A
            Tuple.of(4, codePoints(0xAC00, 0xD7A3)), // Hangul syllables
            Tuple.of(2, codePoints(0xE000, 0xE0FF)), // private use
            Tuple.of(2, codePoints(0xF900, 0xFAFF)), // CJK compatibility ideographs
            Tuple.of(2, codePoints(0xFE00, 0xFE0F)), // variation selectors
            Tuple.of(3, codePoints(0xFF00, 0xFFEF)), // half- and full-width forms
            Tuple.of(2, codePoints(0xFFF0, 0xFFFF)), // specials (U+FFFD among them)
            Tuple.of(2, codePoints(0x1D400, 0x1D7FF)), // mathematical alphanumerics
            Tuple.of(5, codePoints(0x1F300, 0x1FAFF)), // emoji and pictographs
            Tuple.of(2, codePoints(0x1F1E6, 0x1F1FF)), // regional indicators
            Tuple.of(3, codePoints(0x20000, 0x2FA1F)), // CJK extensions B-F, with the gaps
            Tuple.of(1, codePoints(0xE0000, 0xE007F)), // tags
            Tuple.of(2, codePoints(0x0, 0x10FFFF)), // anything, unassigned included
            Tuple.of(
                3,
                Arbitraries.of(
                    List.of("[CLS]", "[SEP]", "[MASK]", "[UNK]", "[PAD]", "##", "\u200d"))));
    return piece.list().ofMaxSize(40).map(parts -> String.join("", parts));
  }

  private static Arbitrary<String> codePoints(int first, int last) {
    return Arbitraries.integers()
        .between(first, last)
        .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
        .map(Character::toString);
  }
}
