package io.attnsum.eval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;

/**
 * TF-IDF vectors of a document's sentences, each sentence treated as a "document" for IDF, as in
 * graph-based summarizers (Erkan and Radev 2004, LexRank; Mihalcea and Tarau 2004, TextRank).
 * Stop words are left out. Weights follow scikit-learn's {@code TfidfVectorizer} defaults: raw term count times smoothed
 * IDF {@code ln((1 + n) / (1 + df)) + 1}, rows L2-normalised, so a dot product is a cosine.
 */
final class TfIdfSentenceVectors {
  private TfIdfSentenceVectors() {}
  /**
   * Lucene's English stop words (33 function words): they dominate raw TF-IDF cosines between
   * sentences and drown the content overlap that TextRank and the centroid should reward. Chinese
   * character tokens never match them.
   */
  private static final CharArraySet STOP = EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;

  /** Returns {@code [sentences, vocabulary]} L2-normalised rows (all-zero rows stay zero). */
  static double[][] of(List<List<String>> sentenceTokens) {
    Map<String, Integer> vocab = new HashMap<>();
    for (List<String> s : sentenceTokens) {
      for (String t : s) {
        if (STOP.contains(t)) {
          continue;
        }
        vocab.putIfAbsent(t, vocab.size());
      }
    }
    int n = sentenceTokens.size();
    int v = vocab.size();
    double[][] tf = new double[n][v];
    int[] df = new int[v];
    for (int i = 0; i < n; i++) {
      for (String t : sentenceTokens.get(i)) {
        if (STOP.contains(t)) {
          continue;
        }
        int id = vocab.get(t);
        if (tf[i][id] == 0) {
          df[id]++;
        }
        tf[i][id] += 1;
      }
    }
    double[] idf = new double[v];
    for (int j = 0; j < v; j++) {
      idf[j] = Math.log((1.0 + n) / (1.0 + df[j])) + 1.0;
    }
    for (double[] row : tf) {
      double norm = 0;
      for (int j = 0; j < v; j++) {
        row[j] *= idf[j];
        norm += row[j] * row[j];
      }
      if (norm > 0) {
        double inv = 1.0 / Math.sqrt(norm);
        for (int j = 0; j < v; j++) {
          row[j] *= inv;
        }
      }
    }
    return tf;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
