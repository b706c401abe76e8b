package io.attnsum.text;

import java.util.List;
import org.apache.lucene.analysis.cn.smart.hhmm.HHMMSegmenter;
import org.apache.lucene.analysis.cn.smart.hhmm.SegToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Words of Chinese text. A sentence is cut into runs of Han characters and runs of everything else:
 * Han runs go to the segmenter of Lucene's SmartChineseAnalyzer (a hidden Markov model over a word
 * dictionary and a bigram dictionary), or are cut into single characters in {@code chars} mode; the
 * other runs (Latin words, numbers such as "42.6", "HTML5") go to {@link EnglishWordTokenizer}, so
 * that they give the same tokens as in English documents. (SmartCN's own tokenizer would cut "42.6"
 * into "42" and "6".)
 *
 * <p>SmartCN's dictionaries (about 6 MB) are loaded once per JVM, on first use.
 */
final class ChineseWordTokenizer implements WordTokenizer {
  private static final Logger LOG = LoggerFactory.getLogger(ChineseWordTokenizer.class);

  /** Loads SmartCN's dictionaries (static in Lucene) once and logs how long it took. */
  private static final class Dictionaries {
    static {
      long t0 = System.nanoTime();
      new HHMMSegmenter().process("中文分词");
      LOG.info(
          "Loaded SmartChineseAnalyzer dictionaries in {} ms",
          (System.nanoTime() - t0) / 1_000_000);
    }

    static void load() {}
  }

  private final EnglishWordTokenizer other;
  private final HHMMSegmenter segmenter;

  /**
   * @param characters one token per Han character instead of words
   * @param other tokenizer for the runs that are not Han
   */
  ChineseWordTokenizer(boolean characters, EnglishWordTokenizer other) {
    this.other = other;
    if (characters) {
      segmenter = null;
    } else {
      Dictionaries.load();
      segmenter = new HHMMSegmenter();
    }
  }

  @Override
  public void tokenize(String text, List<String> out) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      int start = i;
      boolean han = TextChars.isHan(text.codePointAt(i));
      while (i < n) {
        int cp = text.codePointAt(i);
        if (TextChars.isHan(cp) != han) {
          break;
        }
        i += Character.charCount(cp);
      }
      if (han) {
        han(text.substring(start, i), out);
      } else if (TextChars.hasLetterOrDigit(text, start, i)) {
        other.tokenize(text.substring(start, i), out);
      }
    }
  }

  private void han(String run, List<String> out) {
    if (segmenter == null) {
      for (int i = 0; i < run.length(); ) {
        int cp = run.codePointAt(i);
        out.add(new String(Character.toChars(cp)));
        i += Character.charCount(cp);
      }
      return;
    }
    List<SegToken> tokens = segmenter.process(run);
    // The first and last tokens are the segmenter's sentence-start and sentence-end markers.
    for (int t = 1; t < tokens.size() - 1; t++) {
      SegToken token = tokens.get(t);
      out.add(run.substring(token.startOffset, token.endOffset));
    }
  }
}
