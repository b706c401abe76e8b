package io.attnsum.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * ROUGE-1, ROUGE-2, ROUGE-L and ROUGE-Lsum (Lin 2004, "ROUGE: A Package for Automatic Evaluation
 * of Summaries"), computed exactly as Google's {@code rouge-score} ({@code rouge_scorer.py}) does:
 *
 * <ul>
 *   <li>n-grams: clipped overlap count over the reference's n-grams; precision and recall divide
 *       by {@code max(count, 1)};
 *   <li>rougeL: sentence-level LCS over the whole text (newlines are just separators);
 *   <li>rougeLsum: summary-level LCS, texts split into sentences on {@code "\n"} (empty lines
 *       dropped); for each reference sentence the union of its LCS with every candidate sentence
 *       (LCS positions from rouge-score's non-recursive backtrack), hits counted against token
 *       budgets so a token is not credited more often than it occurs on either side;
 *   <li>several references: per metric the score of the reference with the highest F1, the first
 *       on ties ({@code score_multi}).
 * </ul>
 *
 * An instance holds a tokenizer with a stem cache and is meant for one thread.
 */
public final class RougeScorer {
  private final RougeTokenizer tokenizer;

  public RougeScorer(RougeTokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  public RougeTokenizer tokenizer() {
    return tokenizer;
  }

  /** Scores a prediction against one reference; sentences in both are separated by newlines. */
  public RougeScores score(String reference, String prediction) {
    return score(tokenizeSentences(reference), tokenizeSentences(prediction));
  }

  /** {@code score_multi}: per metric, the best-F1 reference's score (first on ties). */
  public RougeScores scoreMulti(List<String> references, String prediction) {
    List<List<String>> predicted = tokenizeSentences(prediction);
    List<List<List<String>>> refs = new ArrayList<>(references.size());
    for (String r : references) {
      refs.add(tokenizeSentences(r));
    }
    return scoreMultiTokens(refs, predicted);
  }

  /** {@link #scoreMulti} over already tokenized sentences. */
  public RougeScores scoreMultiTokens(
      List<List<List<String>>> references, List<List<String>> prediction) {
    if (references.isEmpty()) {
      return score(List.of(), prediction);
    }
    RougeScores best = null;
    for (List<List<String>> ref : references) {
      RougeScores s = score(ref, prediction);
      best = best == null ? s : pickBest(best, s);
    }
    return best;
  }

  private static RougeScores pickBest(RougeScores a, RougeScores b) {
    return new RougeScores(
        b.rouge1().f1() > a.rouge1().f1() ? b.rouge1() : a.rouge1(),
        b.rouge2().f1() > a.rouge2().f1() ? b.rouge2() : a.rouge2(),
        b.rougeL().f1() > a.rougeL().f1() ? b.rougeL() : a.rougeL(),
        b.rougeLsum().f1() > a.rougeLsum().f1() ? b.rougeLsum() : a.rougeLsum());
  }

  /** Splits on newlines as rouge-score does for rougeLsum (empty lines dropped), tokenizes each. */
  public List<List<String>> tokenizeSentences(String text) {
    List<List<String>> sentences = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return sentences;
    }
    for (String line : text.split("\n", -1)) {
      if (!line.isEmpty()) {
        sentences.add(tokenizer.tokenize(line));
      }
    }
    return sentences;
  }

  /** Scores tokenized sentences (see {@link #tokenizeSentences}). */
  public static RougeScores score(List<List<String>> reference, List<List<String>> prediction) {
    List<String> ref = flatten(reference);
    List<String> pred = flatten(prediction);
    return new RougeScores(
        ngramScore(ref, pred, 1),
        ngramScore(ref, pred, 2),
        lcsScore(ref, pred),
        summaryLevelLcs(reference, prediction));
  }

  static List<String> flatten(List<List<String>> sentences) {
    int n = 0;
    for (List<String> s : sentences) {
      n += s.size();
    }
    List<String> all = new ArrayList<>(n);
    for (List<String> s : sentences) {
      all.addAll(s);
    }
    return all;
  }

  static Map<String, Integer> ngrams(List<String> tokens, int n) {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i + n <= tokens.size(); i++) {
      String key = n == 1 ? tokens.get(i) : String.join(" ", tokens.subList(i, i + n));
      counts.merge(key, 1, Integer::sum);
    }
    return counts;
  }

  static RougeScore ngramScore(List<String> reference, List<String> prediction, int n) {
    Map<String, Integer> ref = ngrams(reference, n);
    Map<String, Integer> pred = ngrams(prediction, n);
    int overlap = 0;
    for (Map.Entry<String, Integer> e : ref.entrySet()) {
      overlap += Math.min(e.getValue(), pred.getOrDefault(e.getKey(), 0));
    }
    int refCount = Math.max(reference.size() - n + 1, 0);
    int predCount = Math.max(prediction.size() - n + 1, 0);
    return RougeScore.of(
        overlap / (double) Math.max(predCount, 1), overlap / (double) Math.max(refCount, 1));
  }

  /** LCS dynamic-programming table, {@code [ref.size()+1][can.size()+1]}. */
  static int[][] lcsTable(List<String> ref, List<String> can) {
    int rows = ref.size();
    int cols = can.size();
    int[][] t = new int[rows + 1][cols + 1];
    for (int i = 1; i <= rows; i++) {
      String r = ref.get(i - 1);
      for (int j = 1; j <= cols; j++) {
        t[i][j] =
            r.equals(can.get(j - 1))
                ? t[i - 1][j - 1] + 1
                : Math.max(t[i - 1][j], t[i][j - 1]);
      }
    }
    return t;
  }

  /** Length of the longest common subsequence. */
  public static int lcsLength(List<String> ref, List<String> can) {
    return lcsTable(ref, can)[ref.size()][can.size()];
  }

  static RougeScore lcsScore(List<String> reference, List<String> prediction) {
    if (reference.isEmpty() || prediction.isEmpty()) {
      return RougeScore.ZERO;
    }
    int lcs = lcsLength(reference, prediction);
    return RougeScore.of(lcs / (double) prediction.size(), lcs / (double) reference.size());
  }

  /**
   * Reference positions of one LCS, chosen by rouge-score's {@code _backtrack_norec} (prefers
   * moving left in the candidate when that keeps a strictly longer LCS). The union in ROUGE-Lsum
   * depends on which LCS is taken, so the tie-breaking must match.
   */
  static List<Integer> lcsReferenceIndices(List<String> ref, List<String> can) {
    int[][] t = lcsTable(ref, can);
    int i = ref.size();
    int j = can.size();
    List<Integer> reversed = new ArrayList<>();
    while (i > 0 && j > 0) {
      if (ref.get(i - 1).equals(can.get(j - 1))) {
        reversed.add(i - 1);
        i--;
        j--;
      } else if (t[i][j - 1] > t[i - 1][j]) {
        j--;
      } else {
        i--;
      }
    }
    List<Integer> out = new ArrayList<>(reversed.size());
    for (int k = reversed.size() - 1; k >= 0; k--) {
      out.add(reversed.get(k));
    }
    return out;
  }

  static RougeScore summaryLevelLcs(List<List<String>> refSents, List<List<String>> canSents) {
    if (refSents.isEmpty() || canSents.isEmpty()) {
      return RougeScore.ZERO;
    }
    int m = 0;
    int n = 0;
    Map<String, Integer> refBudget = new HashMap<>();
    Map<String, Integer> canBudget = new HashMap<>();
    for (List<String> s : refSents) {
      m += s.size();
      for (String t : s) {
        refBudget.merge(t, 1, Integer::sum);
      }
    }
    for (List<String> s : canSents) {
      n += s.size();
      for (String t : s) {
        canBudget.merge(t, 1, Integer::sum);
      }
    }
    if (m == 0 || n == 0) {
      return RougeScore.ZERO;
    }
    int hits = 0;
    for (List<String> r : refSents) {
      // Union of LCS positions in r over all candidate sentences, in reference order.
      Set<Integer> union = new TreeSet<>();
      for (List<String> c : canSents) {
        union.addAll(lcsReferenceIndices(r, c));
      }
      for (int idx : union) {
        String t = r.get(idx);
        int c = canBudget.getOrDefault(t, 0);
        int rr = refBudget.getOrDefault(t, 0);
        if (c > 0 && rr > 0) {
          hits++;
          canBudget.put(t, c - 1);
          refBudget.put(t, rr - 1);
        }
      }
    }
    return RougeScore.of(hits / (double) n, hits / (double) m);
  }

  /** Distinct tokens of a tokenized text; used by baselines that need a vocabulary. */
  static Set<String> vocabulary(List<List<String>> sentences) {
    Set<String> v = new HashSet<>();
    for (List<String> s : sentences) {
      v.addAll(s);
    }
    return v;
  }
}
