package io.attnsum.eval;

/**
 * TextRank (Mihalcea and Tarau 2004) with TF-IDF cosine edge weights: a weighted undirected graph
 * over the document's sentences (no self-loops), scored by PageRank with damping 0.85 (Brin and
 * Page 1998), power iteration to an L1 change below 1e-10. A sentence with no edges spreads its
 * mass uniformly (the usual dangling-node fix).
 */
public final class TextRankBaseline implements ExtractiveBaseline {
  static final double DAMPING = 0.85;
  private static final int MAX_ITERATIONS = 500;
  private static final double TOLERANCE = 1e-10;

  @Override
  public String name() {
    return "TEXTRANK";
  }

  @Override
  public int[] select(EvalDocument doc, int k) {
    return TopScores.topK(scores(doc), k);
  }

  static double[] scores(EvalDocument doc) {
    double[][] vectors = TfIdfSentenceVectors.of(doc.sentenceTokens()); // [n, vocab]
    int n = vectors.length;
    double[][] w = new double[n][n]; // [n, n] cosine similarity, zero diagonal
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double c = TfIdfSentenceVectors.dot(vectors[i], vectors[j]);
        w[i][j] = c;
        w[j][i] = c;
      }
    }
    return pageRank(w, DAMPING);
  }

  /** PageRank of a weighted graph {@code w[from][to]}; rows are normalised to transitions. */
  static double[] pageRank(double[][] w, double damping) {
    int n = w.length;
    double[] p = new double[n];
    if (n == 0) {
      return p;
    }
    double[] outWeight = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        outWeight[i] += w[i][j];
      }
    }
    java.util.Arrays.fill(p, 1.0 / n);
    double[] next = new double[n];
    for (int iter = 0; iter < MAX_ITERATIONS; iter++) {
      double dangling = 0;
      for (int i = 0; i < n; i++) {
        if (outWeight[i] <= 0) {
          dangling += p[i];
        }
      }
      double base = (1 - damping) / n + damping * dangling / n;
      java.util.Arrays.fill(next, base);
      for (int i = 0; i < n; i++) {
        if (outWeight[i] > 0) {
          double share = damping * p[i] / outWeight[i];
          for (int j = 0; j < n; j++) {
            next[j] += share * w[i][j];
          }
        }
      }
      double change = 0;
      for (int i = 0; i < n; i++) {
        change += Math.abs(next[i] - p[i]);
      }
      double[] t = p;
      p = next;
      next = t;
      if (change < TOLERANCE) {
        break;
      }
    }
    return p;
  }
}
