package io.attnsum.rank;

/**
 * Scores the sentences of one document by centrality in its sentence-attention graph plus
 * position and length priors. Plain float64 Java: with at most {@code text.max-sentences}
 * sentences per document this is O(n² d) per document, small next to token attention, and keeps
 * every document's numbers independent of the others in its chunk.
 *
 * <p>score_i = w_s · mm(π)_i + g_d · w_d · mm(c)_i + g · w_p · (1 + i / u)^−decay + w_l · min(1,
 * len_i / target), where mm is min-max normalisation within the document, u = 1 or the expected
 * summary length ({@link PositionScale}), g ∈ [0, 1] the document's position share ({@link
 * #positionShare}: the lead sentences' centrality percentile ({@link PositionGate}) times (1 −
 * k / n)^γ), g_d = g with {@code rank.gate-directed} and 1 without, and cos below is the
 * document's {@link SentenceGraph} (embedding cosines, blended with TF-IDF cosines by {@link
 * DocumentSummarizer}), and
 *
 * <ul>
 *   <li>π is the stationary distribution of the sentence attention A = softmax_j(score(s_i,
 *       s_j) / τ) (self excluded), as PageRank with damping δ: π = (1 − δ)/n + δ Aᵀπ (Mihalcea
 *       &amp; Tarau 2004, TextRank, on an attention graph). The score is log max(0, cos) by
 *       default ({@link AttentionScore}), so A_ij ∝ cos^(1/τ), or cos itself. Cosine instead of
 *       S Sᵀ/√d because pooled vectors of different norms would otherwise let long or
 *       frequent-word sentences dominate every row; τ takes the role of √d.
 *   <li>c is PacSum's position-aware directed centrality (Zheng &amp; Lapata 2019, "Sentence
 *       Centrality Revisited for Unsupervised Summarization", eq. 6): c_i = λ1 Σ_{j&lt;i} e_ij +
 *       λ2 Σ_{j&gt;i} e_ij with e_ij = max(0, cos_ij − (min + β (max − min))) over the document's
 *       off-diagonal similarities. A sentence that later sentences point back to is central.
 * </ul>
 */
public final class CentralityRanker {
  // The error after k steps is at most damping^k: 0.9^1000 is far below the tolerance, and graphs
  // with a spectral gap (most) stop long before.
  private static final int MAX_ITERATIONS = 1000;
  private static final double TOLERANCE = 1e-12;

  private final RankSettings settings;

  public CentralityRanker(RankSettings settings) {
    this.settings = settings;
  }

  /**
   * @param graph the document's sentence similarities
   * @param lengths tokens per sentence (the length prior)
   * @param summarySentences expected summary length k (see {@link
   *     RankSettings#expectedSentences}), the unit of the position prior under {@link
   *     PositionScale#SUMMARY}
   * @return score per sentence, finite
   */
  public double[] score(SentenceGraph graph, int[] lengths, double summarySentences) {
    int n = graph.size();
    double[] score = new double[n];
    if (n == 0) {
      return score;
    }
    double[] pi = null;
    if (settings.stationaryWeight() != 0 || settings.positionGate() == PositionGate.LEAD_CENTRALITY) {
      pi = stationary(graph);
    }
    if (settings.stationaryWeight() != 0) {
      addScaled(score, minMax(pi), settings.stationaryWeight());
    }
    double share = positionShare(n, pi, summarySentences);
    if (settings.directedWeight() != 0) {
      double w = settings.directedWeight() * (settings.gateDirected() ? share : 1);
      addScaled(score, minMax(directed(graph)), w);
    }
    double unit = settings.positionScale() == PositionScale.SUMMARY ? summarySentences : 1;
    double positionWeight = settings.positionWeight() * share;
    for (int i = 0; i < n; i++) {
      score[i] +=
          positionWeight * Math.pow(1 + i / unit, -settings.positionDecay())
              + settings.lengthWeight()
                  * Math.min(1.0, (double) lengths[i] / settings.lengthTarget());
    }
    return score;
  }

  /**
   * The share of {@code rank.position-weight} this document gets, in [0, 1]: the product of the
   * coverage factor (1 − k / n)^γ ({@code rank.position-coverage} = γ: when the summary takes most of the
   * document, where it starts says little about what it should contain) and the lead-centrality
   * gate ({@link PositionGate#LEAD_CENTRALITY}); 1 when both are off.
   *
   * @param n sentences in the document
   * @param pi stationary distribution of the document's sentence graph (may be null unless the
   *     gate is on)
   * @param summarySentences expected summary length k
   */
  double positionShare(int n, double[] pi, double summarySentences) {
    double share = 1;
    if (settings.positionCoverage() > 0) {
      share *= Math.pow(Math.max(0, 1 - summarySentences / n), settings.positionCoverage());
    }
    if (settings.positionGate() == PositionGate.LEAD_CENTRALITY) {
      share *= leadCentrality(pi, summarySentences);
    }
    return share;
  }

  /**
   * Mean centrality percentile of the first round(k) sentences (at most n − 1, at least 1): for
   * each, the share of the other sentences with a lower π, ties counting one half. 0.5 for a
   * graph where all sentences are equally central (and for a single sentence), so a flat graph
   * halves the prior rather than removing it.
   */
  static double leadCentrality(double[] pi, double summarySentences) {
    int n = pi.length;
    if (n < 2) {
      return 0.5;
    }
    int lead = (int) Math.max(1, Math.min(n - 1, Math.round(summarySentences)));
    double sum = 0;
    for (int i = 0; i < lead; i++) {
      double below = 0;
      for (int j = 0; j < n; j++) {
        if (j != i) {
          // equal up to rounding noise counts as a tie (as in minMax)
          double diff = pi[i] - pi[j];
          below += Math.abs(diff) <= 1e-12 ? 0.5 : diff > 0 ? 1 : 0;
        }
      }
      sum += below / (n - 1);
    }
    return sum / lead;
  }

  /**
   * Row-stochastic sentence attention {@code [n, n]}: softmax_j(score(i, j) / τ), j ≠ i, with the
   * score of {@link RankSettings#attentionScore}. Under {@link AttentionScore#LOG_COSINE} that is
   * max(0, cos_ij)^(1/τ) / Σ_j, computed without the logarithm; a row whose similarities are all
   * ≤ 0 (a sentence sharing nothing with the rest) attends uniformly, the usual fix for a
   * dangling node.
   */
  double[] attention(SentenceGraph graph) {
    int n = graph.size();
    double[] a = new double[n * n];
    if (n == 1) {
      a[0] = 1; // a lone sentence can only attend to itself
      return a;
    }
    double invTau = 1.0 / settings.temperature();
    boolean logCosine = settings.attentionScore() == AttentionScore.LOG_COSINE;
    for (int i = 0; i < n; i++) {
      double max = Double.NEGATIVE_INFINITY;
      if (!logCosine) {
        for (int j = 0; j < n; j++) {
          if (j != i) {
            max = Math.max(max, graph.cosine(i, j) * invTau);
          }
        }
      }
      double sum = 0;
      for (int j = 0; j < n; j++) {
        double e;
        if (j == i) {
          e = 0;
        } else if (logCosine) {
          double c = graph.cosine(i, j);
          e = c > 0 ? Math.pow(c, invTau) : 0;
        } else {
          e = Math.exp(graph.cosine(i, j) * invTau - max);
        }
        a[i * n + j] = e;
        sum += e;
      }
      for (int j = 0; j < n; j++) {
        a[i * n + j] = sum > 0 ? a[i * n + j] / sum : j == i ? 0 : 1.0 / (n - 1);
      }
    }
    return a;
  }

  /** Stationary distribution of the damped attention walk, by power iteration. */
  double[] stationary(SentenceGraph graph) {
    int n = graph.size();
    double[] a = attention(graph);
    double d = settings.damping();
    double[] pi = new double[n];
    double[] next = new double[n];
    java.util.Arrays.fill(pi, 1.0 / n);
    for (int iter = 0; iter < MAX_ITERATIONS; iter++) {
      java.util.Arrays.fill(next, (1 - d) / n);
      for (int i = 0; i < n; i++) {
        double w = d * pi[i];
        int row = i * n;
        for (int j = 0; j < n; j++) {
          next[j] += w * a[row + j];
        }
      }
      double change = 0;
      for (int j = 0; j < n; j++) {
        change += Math.abs(next[j] - pi[j]);
      }
      double[] t = pi;
      pi = next;
      next = t;
      if (change < TOLERANCE) {
        break;
      }
    }
    return pi;
  }

  /** PacSum directed centrality (see class comment). */
  double[] directed(SentenceGraph graph) {
    int n = graph.size();
    double[] c = new double[n];
    if (n < 2) {
      return c;
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        min = Math.min(min, graph.cosine(i, j));
        max = Math.max(max, graph.cosine(i, j));
      }
    }
    double cut = min + settings.threshold() * (max - min);
    for (int i = 0; i < n; i++) {
      double earlier = 0;
      double later = 0;
      for (int j = 0; j < n; j++) {
        double e = Math.max(0, graph.cosine(i, j) - cut);
        if (j < i) {
          earlier += e;
        } else if (j > i) {
          later += e;
        }
      }
      c[i] = settings.earlierWeight() * earlier + settings.laterWeight() * later;
    }
    return c;
  }

  /**
   * Min-max normalised copy in [0, 1]; all zeros when the values are equal up to rounding noise
   * (a spread below 1e-9 would otherwise be blown up into a full-weight, meaningless ranking).
   */
  static double[] minMax(double[] v) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    double[] out = new double[v.length];
    double range = max - min;
    if (range > 1e-9) {
      for (int i = 0; i < v.length; i++) {
        out[i] = (v[i] - min) / range;
      }
    }
    return out;
  }

  private static void addScaled(double[] acc, double[] v, double w) {
    for (int i = 0; i < acc.length; i++) {
      acc[i] += w * v[i];
    }
  }
}
