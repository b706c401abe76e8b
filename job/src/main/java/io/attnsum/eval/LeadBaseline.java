package io.attnsum.eval;

/** LEAD-k: the first k sentences, the strong news baseline (See et al. 2017). */
public final class LeadBaseline implements ExtractiveBaseline {
  @Override
  public String name() {
    return "LEAD";
  }

  @Override
  public int[] select(EvalDocument doc, int k) {
    int n = Math.min(k, doc.sentences().size());
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = i;
    }
    return out;
  }
}
