package io.attnsum.eval;

/**
 * Centroid-based selection (Radev et al. 2004, "Centroid-based summarization of multiple
 * documents"): sentences ranked by cosine similarity to the mean of the document's TF-IDF
 * sentence vectors.
 */
public final class CentroidBaseline implements ExtractiveBaseline {
  @Override
  public String name() {
    return "CENTROID";
  }

  @Override
  public int[] select(EvalDocument doc, int k) {
    double[][] vectors = TfIdfSentenceVectors.of(doc.sentenceTokens()); // [n, vocab]
    int n = vectors.length;
    if (n == 0) {
      return new int[0];
    }
    double[] centroid = new double[vectors[0].length]; // [vocab]
    for (double[] v : vectors) {
      for (int j = 0; j < v.length; j++) {
        centroid[j] += v[j] / n;
      }
    }
    double norm = Math.sqrt(TfIdfSentenceVectors.dot(centroid, centroid));
    double[] scores = new double[n];
    for (int i = 0; i < n; i++) {
      scores[i] = norm > 0 ? TfIdfSentenceVectors.dot(vectors[i], centroid) / norm : 0;
    }
    return TopScores.topK(scores, k);
  }
}
