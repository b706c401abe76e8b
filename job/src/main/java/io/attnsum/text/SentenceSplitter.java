package io.attnsum.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a document into sentences: a language-specific {@link BoundaryFinder} proposes boundaries,
 * the pieces between them are trimmed of whitespace ({@link TextChars#isSpace}) and dropped when
 * empty, and fragments that are not sentences on their own are merged into a neighbour (see {@link
 * #merge}). Sentences therefore never overlap, appear in document order, and only whitespace lies
 * between two of them.
 *
 * <p>English text goes to {@link PtbSentenceBoundaries} when it looks pre-tokenized (see {@link
 * #looksPreTokenized}) and to {@link EnglishSentenceBoundaries} otherwise. Used by one thread.
 */
final class SentenceSplitter {
  /** Pieces longer than this are never merged, so the patterns below run on short strings only. */
  private static final int MAX_FRAGMENT_CHARS = 48;

  /** A list item's number or letter on its own: "1.", "4 .", "(b)", "iv)". */
  private static final Pattern LIST_MARKER =
      Pattern.compile("\\(?(?:\\d{1,3}|[ivxlcIVXLC]{1,4}|[A-Za-z])\\s?[.)]");

  /** A source tag or dateline on its own: "(CNN)", "( cnn )", "-lrb- cnn -rrb-", "[AP] --". */
  private static final Pattern SOURCE_TAG =
      Pattern.compile(
          "(?:\\(|\\[|-lrb-|-lsb-)\\s*[\\p{L}\\p{N}][\\p{L}\\p{N} .&'’-]{0,30}?(?<![.!?])\\s*"
              + "(?:\\)|\\]|-rrb-|-rsb-)(?:\\s*(?:--|—|–|-|:))?",
          Pattern.CASE_INSENSITIVE);

  private final EnglishSentenceBoundaries english = new EnglishSentenceBoundaries();
  private final PtbSentenceBoundaries pretokenized = new PtbSentenceBoundaries();
  private final ChineseSentenceBoundaries chinese = new ChineseSentenceBoundaries();

  List<Span> split(String text, Language language) {
    Boundaries boundaries = new Boundaries();
    finderFor(text, language).find(text, boundaries);
    int[] cuts = boundaries.cuts(text.length());
    List<Span> pieces = new ArrayList<>(cuts.length);
    int from = 0;
    for (int cut : cuts) {
      int start = from;
      int end = cut;
      while (start < end && TextChars.isSpace(text.charAt(start))) {
        start++;
      }
      while (end > start && TextChars.isSpace(text.charAt(end - 1))) {
        end--;
      }
      if (start < end) {
        pieces.add(new Span(start, end));
      }
      from = cut;
    }
    return merge(text, pieces);
  }

  private BoundaryFinder finderFor(String text, Language language) {
    if (language == Language.ZH) {
      return chinese;
    }
    return looksPreTokenized(text) ? pretokenized : english;
  }

  /**
   * Whether the text is tokenized Penn Treebank style: punctuation (. , ? ! ; :) stands alone
   * between spaces at least twice, and at least twice as often as it is attached to the word before
   * it. On the shared data this holds for every CNN/DailyMail document and for no BBC or SciTLDR
   * one. Looks at the first {@link LanguageDetector#SAMPLE_CHARS} characters.
   */
  static boolean looksPreTokenized(CharSequence text) {
    int end = Math.min(text.length(), LanguageDetector.SAMPLE_CHARS);
    int alone = 0;
    int attached = 0;
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (c != '.' && c != ',' && c != '?' && c != '!' && c != ';' && c != ':') {
        continue;
      }
      if (i + 1 < text.length() && !TextChars.isSpace(text.charAt(i + 1))) {
        continue;
      }
      if (i == 0 || TextChars.isSpace(text.charAt(i - 1))) {
        alone++;
      } else {
        attached++;
      }
    }
    return alone >= 2 && alone >= 2 * attached;
  }

  /**
   * Merges pieces that are not sentences on their own into a neighbour, so that every sentence has
   * some content to rank:
   *
   * <ul>
   *   <li>a list marker ("1.", "4 .", "(b)") or a lone source tag ("(CNN)", "-lrb- cnn -rrb-")
   *       opens the next sentence;
   *   <li>a piece without any letter or digit ("''", "--", "* * *") closes the previous sentence
   *       (or, at the start of the document, opens the next one).
   * </ul>
   *
   * A document made only of such pieces keeps them. A merged sentence spans the whitespace between
   * its pieces, line breaks included.
   */
  static List<Span> merge(String text, List<Span> pieces) {
    List<Span> out = new ArrayList<>(pieces.size());
    int pendingStart = -1;
    for (int i = 0; i < pieces.size(); i++) {
      Span piece = pieces.get(i);
      boolean last = i == pieces.size() - 1;
      int start = pendingStart >= 0 ? pendingStart : piece.start();
      boolean isShort = piece.end() - piece.start() <= MAX_FRAGMENT_CHARS;
      if (isShort && !TextChars.hasLetterOrDigit(text, piece.start(), piece.end())) {
        if (!out.isEmpty() && pendingStart < 0) {
          Span previous = out.remove(out.size() - 1);
          out.add(new Span(previous.start(), piece.end()));
          continue;
        }
        if (!last) {
          pendingStart = start;
          continue;
        }
      } else if (isShort && !last && opensNext(text.substring(piece.start(), piece.end()))) {
        pendingStart = start;
        continue;
      }
      out.add(new Span(start, piece.end()));
      pendingStart = -1;
    }
    return out;
  }

  private static boolean opensNext(String piece) {
    return LIST_MARKER.matcher(piece).matches() || SOURCE_TAG.matcher(piece).matches();
  }
}
