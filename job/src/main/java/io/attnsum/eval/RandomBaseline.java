package io.attnsum.eval;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * k sentences drawn uniformly without replacement. Seeded per document from the run seed and the
 * document id, so a document's draw does not depend on which other documents are evaluated.
 */
public final class RandomBaseline implements ExtractiveBaseline {
  private final long seed;

  public RandomBaseline(long seed) {
    this.seed = seed;
  }

  @Override
  public String name() {
    return "RANDOM";
  }

  @Override
  public int[] select(EvalDocument doc, int k) {
    int n = doc.sentences().size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + doc.id().hashCode());
    int take = Math.min(k, n);
    // Partial Fisher-Yates: the first `take` slots are a uniform sample.
    for (int i = 0; i < take; i++) {
      int j = i + rng.nextInt(n - i);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] out = Arrays.copyOf(order, take);
    Arrays.sort(out);
    return out;
  }
}
