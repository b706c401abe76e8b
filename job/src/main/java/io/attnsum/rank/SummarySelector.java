package io.attnsum.rank;

import io.attnsum.text.Sentence;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Picks the summary sentences of one document from their scores, avoiding redundancy (MMR or
 * trigram blocking, see {@link Redundancy}) within a length budget (see {@link Budget}).
 *
 * <p>Rules common to both strategies: ties go to the earlier sentence; a sentence whose token
 * sequence (or, when it has no tokens, its text) repeats one already picked is never picked, so
 * repeated sentences cannot fill a summary even when they carry no vector; a sentence that does
 * not fit the remaining word/char budget is skipped and shorter ones are still considered; if no
 * sentence fits at all, the top-ranked one is taken alone so no non-empty document gets an empty
 * summary.
 */
public final class SummarySelector {
  private final RankSettings settings;

  public SummarySelector(RankSettings settings) {
    this.settings = settings;
  }

  /**
   * Indices of the summary sentences, ascending: at most {@code maxCount} (the caller's {@link
   * SummaryBudget#sentenceLimit}, which counts the whole document where {@code sentences} may be
   * only its body), within {@code budget}'s words or characters.
   */
  public int[] select(
      List<Sentence> sentences, double[] scores, SentenceGraph graph, SummaryBudget budget,
      int maxCount) {
    int n = sentences.size();
    if (n == 0) {
      return new int[0];
    }
    long room =
        switch (budget.budget()) {
          case WORDS -> budget.maxWords();
          case CHARS -> budget.maxChars();
          default -> Long.MAX_VALUE;
        };
    double[] relevance = CentralityRanker.minMax(scores);
    boolean[] picked = new boolean[n];
    int[] chosen = new int[Math.min(n, maxCount)];
    int count = 0;
    Set<List<String>> seen = new HashSet<>();
    Set<List<String>> trigrams = new HashSet<>();
    double[] maxSim = new double[n];
    Arrays.fill(maxSim, 0);
    boolean mmr = settings.redundancy() == Redundancy.MMR;
    double lambda = settings.mmrLambda();
    Integer[] byScore = ranking(scores);
    while (count < chosen.length) {
      int best = -1;
      double bestValue = Double.NEGATIVE_INFINITY;
      for (int i : byScore) {
        if (picked[i] || cost(sentences.get(i), budget) > room || seen.contains(identity(sentences.get(i)))) {
          continue;
        }
        if (!mmr) {
          if (sharesTrigram(sentences.get(i).tokens(), trigrams)) {
            continue;
          }
          best = i; // first acceptable in ranking order
          break;
        }
        double value = lambda * relevance[i] - (1 - lambda) * maxSim[i];
        if (value > bestValue) { // strict: ties keep the earlier-ranked (and so earlier) sentence
          bestValue = value;
          best = i;
        }
      }
      if (best < 0) {
        break;
      }
      picked[best] = true;
      chosen[count++] = best;
      room -= cost(sentences.get(best), budget);
      seen.add(identity(sentences.get(best)));
      addTrigrams(sentences.get(best).tokens(), trigrams);
      for (int i = 0; i < n; i++) {
        maxSim[i] = Math.max(maxSim[i], graph.cosine(i, best));
      }
    }
    if (count == 0) {
      chosen[count++] = byScore[0];
    }
    int[] out = Arrays.copyOf(chosen, count);
    Arrays.sort(out);
    return out;
  }

  /** Sentence indices by descending score, ties by document order. */
  static Integer[] ranking(double[] scores) {
    Integer[] idx = new Integer[scores.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> a.equals(b) ? 0 : scores[a] != scores[b]
        ? Double.compare(scores[b], scores[a]) : Integer.compare(a, b));
    return idx;
  }

  private static long cost(Sentence s, SummaryBudget budget) {
    return switch (budget.budget()) {
      case WORDS -> s.tokens().length;
      case CHARS -> s.text().length();
      default -> 0;
    };
  }

  private static List<String> identity(Sentence s) {
    return s.tokens().length > 0 ? Arrays.asList(s.tokens()) : List.of("\u0000text", s.text());
  }

  private static boolean sharesTrigram(String[] tokens, Set<List<String>> trigrams) {
    for (int i = 0; i + 3 <= tokens.length; i++) {
      if (trigrams.contains(List.of(tokens[i], tokens[i + 1], tokens[i + 2]))) {
        return true;
      }
    }
    return false;
  }

  private static void addTrigrams(String[] tokens, Set<List<String>> trigrams) {
    for (int i = 0; i + 3 <= tokens.length; i++) {
      trigrams.add(List.of(tokens[i], tokens[i + 1], tokens[i + 2]));
    }
  }
}
