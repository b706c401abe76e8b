package io.attnsum.encode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every assigned Unicode character, inside a word ("a" c "b") and before a combining mark after a
 * capital ("A" c U+0301), gives Hugging Face's ids and word indices: this holds the character
 * tables (punctuation, whitespace, other, non-spacing marks, CJK ranges, decompositions,
 * combining classes, lower case) to the reference one code point at a time. Planes 0-3 and 14,
 * which hold every assigned character, are probed whole; the unassigned planes 4-13 and the
 * private-use planes 15-16 at both ends of each plane and every 61st code point between. Words
 * are separated by spaces and 64 go in one text, which keeps the probes to seconds.
 */
class WordPieceTokenizerCodePointTest {
  private static final int PER_TEXT = 64;
  private static final int SAMPLE_STEP = 61;

  /** Whether {@code cp} is probed: all of planes 0-3 and 14, a sample of the others. */
  private static boolean probed(int cp) {
    int plane = cp >>> 16;
    int inPlane = cp & 0xFFFF;
    boolean wholePlane = plane <= 3 || plane == 14;
    boolean surrogate = cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE;
    return !surrogate
        && (wholePlane || inPlane < 256 || inPlane > 0xFFFF - 256 || inPlane % SAMPLE_STEP == 0);
  }

  @ParameterizedTest
  @EnumSource(BuiltInEncoder.class)
  void everyCodePointGivesHuggingFacesIds(BuiltInEncoder encoder) {
    try (HuggingFaceReference ref = HuggingFaceReference.of(encoder)) {
      StringBuilder inWord = new StringBuilder();
      StringBuilder beforeMark = new StringBuilder();
      int probes = 0;
      int cp = 0;
      while (cp <= Character.MAX_CODE_POINT) {
        inWord.setLength(0);
        beforeMark.setLength(0);
        int first = cp;
        for (int k = 0; k < PER_TEXT && cp <= Character.MAX_CODE_POINT; cp++) {
          if (!probed(cp)) {
            continue;
          }
          inWord.append('a').appendCodePoint(cp).append("b ");
          beforeMark.append('A').appendCodePoint(cp).append("\u0301 ");
          k++;
          probes++;
        }
        String label = String.format("code points U+%04X to U+%04X", first, cp - 1);
        ref.assertSame(new HuggingFaceReference.Line(label, inWord.toString()));
        ref.assertSame(new HuggingFaceReference.Line(label, beforeMark.toString()));
      }
      assertThat(probes).isGreaterThan(5 * 65536 - 2048);
    }
  }
}
