package io.attnsum.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.attnsum.config.ConfigReader;
import io.attnsum.testing.TestSettings;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CentralityRankerTest {
  private static final RankSettings S = TestSettings.rank();

  private static SentenceGraph randomGraph(Random random, int n, int dim) {
    float[] v = new float[n * dim];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return SentenceGraphs.of(v, n, dim);
  }

  /** Solves (I − δAᵀ) π = (1 − δ)/n by Gaussian elimination: the fixed point, not an iteration. */
  private static double[] stationaryBySolve(double[] a, int n, double d) {
    double[][] m = new double[n][n + 1];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m[i][j] = (i == j ? 1 : 0) - d * a[j * n + i];
      }
      m[i][n] = (1 - d) / n;
    }
    for (int c = 0; c < n; c++) {
      int p = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[p][c])) {
          p = r;
        }
      }
      double[] t = m[c];
      m[c] = m[p];
      m[p] = t;
      for (int r = 0; r < n; r++) {
        if (r != c) {
          double f = m[r][c] / m[c][c];
          for (int k = c; k <= n; k++) {
            m[r][k] -= f * m[c][k];
          }
        }
      }
    }
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = m[i][n] / m[i][i];
    }
    return x;
  }

  @Test
  void stationaryDistributionIsTheFixedPointOfTheDampedAttentionWalk() {
    Random random = new Random(11);
    for (AttentionScore score : AttentionScore.values()) {
      RankSettings settings = TestSettings.rank(
          "rank.attention-score = " + ConfigReader.configName(score),
          "rank.temperature = " + (score == AttentionScore.COSINE ? 0.3 : 1.33));
      CentralityRanker ranker = new CentralityRanker(settings);
      for (int n : new int[] {2, 3, 17, 60}) {
        SentenceGraph g = randomGraph(random, n, 10);
        double[] a = ranker.attention(g);
        for (int i = 0; i < n; i++) {
          double row = 0;
          for (int j = 0; j < n; j++) {
            row += a[i * n + j];
          }
          assertThat(row).isCloseTo(1.0, within(1e-12));
          assertThat(a[i * n + i]).isEqualTo(0.0);
          // softmax(score / τ) against the definition (log and exp, not the ranker's pow), every
          // pair; a non-positive cosine has score −∞ under log-cosine
          double[] logits = new double[n];
          double z = 0;
          for (int k = 0; k < n; k++) {
            double c = g.cosine(i, k);
            logits[k] = k == i ? Double.NEGATIVE_INFINITY
                : score == AttentionScore.COSINE ? c / settings.temperature()
                : c > 0 ? Math.log(c) / settings.temperature() : Double.NEGATIVE_INFINITY;
            z += Math.exp(logits[k]);
          }
          for (int j = 0; j < n; j++) {
            double expected = z > 0 ? Math.exp(logits[j]) / z : j == i ? 0 : 1.0 / (n - 1);
            assertThat(a[i * n + j]).isCloseTo(expected, within(1e-12));
          }
        }
        double[] pi = ranker.stationary(g);
        double[] expected = stationaryBySolve(a, n, settings.damping());
        for (int i = 0; i < n; i++) {
          assertThat(pi[i]).isCloseTo(expected[i], within(1e-10));
        }
      }
    }
  }

  @Test
  void logCosineAttentionGivesUnrelatedPairsNoWeightAndIsolatedSentencesAUniformRow() {
    // Unit vectors: 0 and 1 at 60 degrees (cos .5), 2 orthogonal to both 0 and 1 (cos 0 and,
    // with 1 at 60 degrees in the plane, 2 is the third axis).
    float c60 = (float) Math.cos(Math.PI / 3);
    float s60 = (float) Math.sin(Math.PI / 3);
    SentenceGraph g = SentenceGraphs.of(new float[] {1, 0, 0, c60, s60, 0, 0, 0, 1}, 3, 3);
    double[] a = new CentralityRanker(S).attention(g);
    assertThat(S.attentionScore()).isEqualTo(AttentionScore.LOG_COSINE);
    assertThat(a[0 * 3 + 1]).isCloseTo(1.0, within(1e-12)); // 0 attends only to its one neighbour
    assertThat(a[0 * 3 + 2]).isEqualTo(0.0);
    assertThat(a[1 * 3 + 0]).isCloseTo(1.0, within(1e-12));
    assertThat(a[2 * 3 + 0]).isCloseTo(0.5, within(1e-12)); // 2 shares nothing: uniform row
    assertThat(a[2 * 3 + 1]).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void directedCentralityFollowsPacSumOnAHandComputedGraph() {
    // Unit vectors in 2D at angles 0, 60, 90 degrees: cos = [[1, .5, 0], [.5, 1, .866], [0, .866, 1]]
    float c60 = (float) Math.cos(Math.PI / 3);
    float s60 = (float) Math.sin(Math.PI / 3);
    SentenceGraph g = SentenceGraphs.of(new float[] {1, 0, c60, s60, 0, 1}, 3, 2);
    // threshold 0.5: cut = 0 + 0.5 * (0.866 - 0) = 0.433; edges e01 = 0.067, e12 = 0.433, e02 = 0
    RankSettings s = settings(-0.5, 1.0, 0.5);
    double[] c = new CentralityRanker(s).directed(g);
    double cut = 0.5 * s60;
    double e01 = 0.5 - cut;
    double e12 = s60 - cut;
    assertThat(c[0]).isCloseTo(1.0 * e01, within(1e-6));
    assertThat(c[1]).isCloseTo(-0.5 * e01 + 1.0 * e12, within(1e-6));
    assertThat(c[2]).isCloseTo(-0.5 * e12, within(1e-6));
  }

  @Test
  void zeroVectorsAndOneSentenceDocumentsGetFiniteScores() {
    CentralityRanker ranker = new CentralityRanker(S);
    double[] one = ranker.score(SentenceGraphs.of(new float[] {0, 0}, 1, 2), new int[] {4}, 1);
    assertThat(one[0]).isFinite();
    double[] none = ranker.score(SentenceGraphs.of(new float[6], 3, 2), new int[] {2, 9, 9}, 1);
    // equal (zero) centrality: only the priors speak: position favours 1 over 2, length 1 over 0
    assertThat(java.util.Arrays.stream(none).allMatch(Double::isFinite)).isTrue();
    assertThat(none[1]).isGreaterThan(none[2]);
    // equal centrality: the lead-centrality gate gives the lead the median percentile 0.5, and
    // coverage (1 - 1/3)^g with the default k = 1
    double share = 0.5 * Math.pow(1 - 1.0 / 3, S.positionCoverage());
    assertThat(none[0] - none[1])
        .isCloseTo(S.positionWeight() * share * (1 - Math.pow(2, -S.positionDecay()))
            - S.lengthWeight() * (1 - 2.0 / S.lengthTarget()), within(1e-12));
  }

  @Test
  void summaryScaledPositionPriorFallsOffOverTheExpectedSummaryLength() {
    // Flat graph (all cosines equal): only the priors differ; equal lengths cancel the length prior.
    SentenceGraph flat = SentenceGraphs.of(new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 5, 2);
    int[] lengths = {10, 10, 10, 10, 10};
    RankSettings d = TestSettings.rank("rank.position-scale = summary");
    double[] k1 = new CentralityRanker(d).score(flat, lengths, 1);
    double[] index = new CentralityRanker(TestSettings.rank("rank.position-scale = index"))
        .score(flat, lengths, 1);
    double[] k4 = new CentralityRanker(d).score(flat, lengths, 4);
    // flat graph: lead-centrality share 0.5; coverage (1 - 4/5)^g
    double share = 0.5 * Math.pow(1 - 4.0 / 5, d.positionCoverage());
    for (int i = 0; i < 5; i++) {
      assertThat(k1[i]).isCloseTo(index[i], within(1e-12)); // k = 1: the per-sentence curve
      assertThat(k4[i] - k4[0])
          .isCloseTo(d.positionWeight() * share
                  * (Math.pow(1 + i / 4.0, -d.positionDecay()) - 1),
              within(1e-12));
    }
  }

  @Test
  void expectedSummaryLengthFollowsTheBudget() {
    assertThat(TestSettings.rank("summary.sentences = 3").summary().expectedSentences(10, 200, 900))
        .isEqualTo(3.0);
    assertThat(TestSettings.rank("summary.sentences = 30").summary().expectedSentences(10, 200, 900))
        .isEqualTo(10.0);
    assertThat(TestSettings.rank("summary.budget = ratio", "summary.ratio = 0.35")
        .summary().expectedSentences(10, 200, 900)).isEqualTo(4.0);
    // 20 tokens per sentence on average: 100 words are 5 sentences; 600 chars of 90 are 6.67
    assertThat(TestSettings.rank("summary.budget = words", "summary.max-words = 100")
        .summary().expectedSentences(10, 200, 900)).isEqualTo(5.0);
    assertThat(TestSettings.rank("summary.budget = chars", "summary.max-chars = 600")
        .summary().expectedSentences(10, 200, 900)).isCloseTo(600.0 / 90, within(1e-12));
    assertThat(TestSettings.rank("summary.budget = words").summary().expectedSentences(0, 0, 0))
        .isEqualTo(1.0);
  }

  @Test
  void leadCentralityIsTheMeanPercentileOfTheFirstKSentences() {
    double[] pi = {0.4, 0.1, 0.3, 0.2};
    assertThat(CentralityRanker.leadCentrality(pi, 1)).isEqualTo(1.0); // beats all 3 others
    assertThat(CentralityRanker.leadCentrality(pi, 2)).isEqualTo(0.5); // (3/3 + 0/3) / 2
    assertThat(CentralityRanker.leadCentrality(pi, 2.6)).isCloseTo((1 + 0 + 2.0 / 3) / 3,
        within(1e-12)); // round(2.6) = 3 lead sentences
    assertThat(CentralityRanker.leadCentrality(pi, 10)).isCloseTo((1 + 0 + 2.0 / 3) / 3,
        within(1e-12)); // at most n - 1 lead sentences
    assertThat(CentralityRanker.leadCentrality(new double[] {0.25, 0.25, 0.25, 0.25}, 1))
        .isEqualTo(0.5); // ties count one half
    assertThat(CentralityRanker.leadCentrality(new double[] {1}, 1)).isEqualTo(0.5);
  }

  @Test
  void positionShareIsGateTimesCoverage() {
    double[] pi = {0.1, 0.4, 0.3, 0.2}; // the first sentence is the least central
    RankSettings both = TestSettings.rank("rank.position-gate = lead-centrality",
        "rank.position-coverage = 2");
    assertThat(new CentralityRanker(both).positionShare(4, pi, 1)).isEqualTo(0.0);
    double[] hub = {0.4, 0.1, 0.3, 0.2};
    assertThat(new CentralityRanker(both).positionShare(4, hub, 1))
        .isCloseTo(1.0 * Math.pow(0.75, 2), within(1e-12));
    RankSettings off = TestSettings.rank("rank.position-gate = none",
        "rank.position-coverage = 0");
    assertThat(new CentralityRanker(off).positionShare(4, null, 1)).isEqualTo(1.0);
    assertThat(new CentralityRanker(off).positionShare(4, pi, 4)).isEqualTo(1.0);
  }

  @Test
  void aLeadTheDocumentDoesNotReturnToLosesThePositionPriorAndTheDirectedTerm() {
    // Sentences 1..3 are near-duplicates; sentence 0 is unrelated background. With the gate the
    // lead's share is 0 (least central), so neither position nor PacSum's directed term lifts it.
    float[] v = {0, 1, 1, 0, 1, 0.05f, 1, -0.05f};
    SentenceGraph g = SentenceGraphs.of(v, 4, 2);
    int[] lengths = {10, 10, 10, 10};
    RankSettings gated = TestSettings.rank("rank.position-gate = lead-centrality",
        "rank.gate-directed = true", "rank.position-coverage = 0");
    CentralityRanker ranker = new CentralityRanker(gated);
    double[] s = ranker.score(g, lengths, 1);
    double[] pi = CentralityRanker.minMax(ranker.stationary(g));
    for (int i = 0; i < 4; i++) {
      assertThat(s[i]).isCloseTo(gated.stationaryWeight() * pi[i] + gated.lengthWeight(),
          within(1e-12));
    }
    RankSettings ungated = TestSettings.rank("rank.position-gate = none",
        "rank.gate-directed = false", "rank.position-coverage = 0");
    double[] u = new CentralityRanker(ungated).score(g, lengths, 1);
    assertThat(u[0]).isGreaterThan(s[0] + ungated.positionWeight() * 0.5);
  }

  static RankSettings settings(double earlier, double later, double threshold) {
    return TestSettings.rank("rank.earlier-weight=" + earlier, "rank.later-weight=" + later,
        "rank.threshold=" + threshold);
  }
}
