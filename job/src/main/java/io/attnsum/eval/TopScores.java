package io.attnsum.eval;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Selection of the k best-scored sentences, returned in document order. */
final class TopScores {
  private TopScores() {}

  /** Highest scores first, earlier sentence on ties; result sorted ascending. */
  static int[] topK(double[] scores, int k) {
    int take = Math.min(k, scores.length);
    int[] out = IntStream.range(0, scores.length).boxed()
        .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i))
        .limit(take)
        .mapToInt(Integer::intValue)
        .toArray();
    Arrays.sort(out);
    return out;
  }
}
