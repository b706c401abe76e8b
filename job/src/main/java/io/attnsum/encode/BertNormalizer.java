package io.attnsum.encode;

import static io.attnsum.encode.BertUnicode.CHINESE;
import static io.attnsum.encode.BertUnicode.COMBINING;
import static io.attnsum.encode.BertUnicode.DECOMPOSES;
import static io.attnsum.encode.BertUnicode.LOWER_MAPS;
import static io.attnsum.encode.BertUnicode.NONSPACING_MARK;
import static io.attnsum.encode.BertUnicode.OTHER;
import static io.attnsum.encode.BertUnicode.WHITESPACE;

/**
 * Hugging Face's {@code BertNormalizer} (tokenizers/src/normalizers/bert.rs), step by step as it
 * runs there over the whole text: clean text (drop NUL, U+FFFD and "other" characters except tab,
 * LF and CR; whitespace to a space), spaces around CJK ideographs, accent stripping (canonical
 * decomposition, then non-spacing marks dropped), lower-casing (Rust's full per-character
 * mapping, so U+0130 becomes "i" and U+0307). With {@code strip_accents} null in the file,
 * accents are stripped exactly when lower-casing is on, as Hugging Face does.
 *
 * <p>The first three steps map each character on its own, so they run in one pass into code
 * points, decomposing as they go and keeping each run of non-starters in canonical order (a
 * stable sort by combining class, as {@code unicode-normalization-alignments} does). Dropping
 * marks and lower-casing then run in a second pass over the reordered code points: a mark with
 * combining class 0 ends a run, so marks must not be dropped before the reordering.
 *
 * <p>A Java string may hold a lone surrogate, which is not text; it is read as U+FFFD, the
 * replacement character, as Hugging Face sees it through DJL's binding (and clean text drops it).
 */
record BertNormalizer(
    boolean cleanText, boolean handleChineseChars, boolean stripAccents, boolean lowercase) {

  /** Normalizes {@code text[from, to)} into {@code s.chars[0, s.charCount)}. */
  void normalize(char[] text, int from, int to, TokenizerScratch s) {
    s.pointCount = 0;
    s.charCount = 0;
    int runStart = 0; // first index of the current run of non-starters in s.points
    for (int i = from; i < to; ) {
      int cp = Character.codePointAt(text, i, to);
      i += Character.charCount(cp);
      if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
        cp = 0xFFFD; // a lone surrogate: Rust strings cannot hold one, DJL's binding passes U+FFFD
      }
      int f = BertUnicode.flags(cp);
      if (cleanText) {
        if (cp == 0 || cp == 0xFFFD || ((f & OTHER) != 0 && !isTabOrLineBreak(cp))) {
          continue;
        }
        if ((f & WHITESPACE) != 0) {
          cp = ' ';
          f = BertUnicode.flags(cp);
        }
      }
      if (handleChineseChars && (f & CHINESE) != 0) {
        runStart = push(' ', s, runStart);
        runStart = push(cp, s, runStart);
        runStart = push(' ', s, runStart);
      } else {
        runStart = push(cp, s, runStart);
      }
    }
    for (int k = 0; k < s.pointCount; k++) {
      int cp = s.points[k];
      if (cp < 0x80) {
        s.addChar(lowercase && cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp);
        continue;
      }
      int f = BertUnicode.flags(cp);
      if (stripAccents && (f & NONSPACING_MARK) != 0) {
        continue;
      }
      if (lowercase && (f & LOWER_MAPS) != 0) {
        int n = BertUnicode.lowerCase(cp, s.mapped);
        for (int j = 0; j < n; j++) {
          s.addChar(s.mapped[j]);
        }
      } else {
        s.addChar(cp);
      }
    }
  }

  /** Adds {@code cp}, decomposed when stripping accents; returns the new run start. */
  private int push(int cp, TokenizerScratch s, int runStart) {
    if (!stripAccents || cp < 0x80) {
      s.addPoint(cp);
      return s.pointCount;
    }
    if ((BertUnicode.flags(cp) & DECOMPOSES) == 0 && !BertUnicode.isHangulSyllable(cp)) {
      return pushOrdered(cp, s, runStart);
    }
    int[] parts = s.mapped;
    int n = BertUnicode.decompose(cp, parts);
    for (int j = 0; j < n; j++) {
      runStart = pushOrdered(parts[j], s, runStart);
    }
    return runStart;
  }

  /** Inserts {@code cp} after the run's code points of lower or equal combining class. */
  private static int pushOrdered(int cp, TokenizerScratch s, int runStart) {
    int ccc = (BertUnicode.flags(cp) & COMBINING) == 0 ? 0 : BertUnicode.combiningClass(cp);
    s.addPoint(cp);
    if (ccc == 0) {
      return s.pointCount;
    }
    int[] p = s.points;
    int at = s.pointCount - 1;
    while (at > runStart && BertUnicode.combiningClass(p[at - 1]) > ccc) {
      p[at] = p[at - 1];
      at--;
    }
    p[at] = cp;
    return runStart;
  }

  private static boolean isTabOrLineBreak(int cp) {
    return cp == '\t' || cp == '\n' || cp == '\r';
  }
}
