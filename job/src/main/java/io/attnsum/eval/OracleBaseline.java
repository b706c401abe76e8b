package io.attnsum.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The greedy extractive ORACLE (Nallapati et al. 2017, SummaRuNNer; the labelling used by
 * BertSumExt, Liu and Lapata 2019): starting from nothing, repeatedly add the sentence that most
 * increases ROUGE-1 F1 + ROUGE-2 F1 of the selection (in document order) against the reference,
 * and stop when no sentence increases it or k sentences are chosen. With several references the
 * objective uses rouge-score's {@code score_multi} (best reference per metric). An upper bound for
 * extractive systems at this k, not a system.
 *
 * <p>Tokens are mapped to ints once per document; each candidate selection is scored on int
 * n-gram counts so the quadratic greedy loop does no string work.
 */
public final class OracleBaseline implements ExtractiveBaseline {

  @Override
  public String name() {
    return "ORACLE";
  }

  @Override
  public int[] select(EvalDocument doc, int k) {
    Map<String, Integer> vocab = new HashMap<>();
    int n = doc.sentences().size();
    int[][] sentences = new int[n][];
    for (int i = 0; i < n; i++) {
      sentences[i] = ids(doc.sentenceTokens().get(i), vocab);
    }
    List<Reference> refs = new ArrayList<>();
    for (List<List<String>> r : doc.referenceTokens()) {
      refs.add(new Reference(ids(RougeScorer.flatten(r), vocab), vocab.size()));
    }
    int vocabSize = vocab.size();
    int[] unigramScratch = new int[vocabSize];
    boolean[] chosen = new boolean[n];
    double best = 0;
    int selectedCount = 0;
    while (selectedCount < Math.min(k, n)) {
      int bestSentence = -1;
      for (int c = 0; c < n; c++) {
        if (chosen[c]) {
          continue;
        }
        chosen[c] = true;
        int[] flat = concat(sentences, chosen);
        chosen[c] = false;
        double value = objective(flat, refs, unigramScratch);
        if (value > best) {
          best = value;
          bestSentence = c;
        }
      }
      if (bestSentence < 0) {
        break;
      }
      chosen[bestSentence] = true;
      selectedCount++;
    }
    int[] out = new int[selectedCount];
    for (int i = 0, j = 0; i < n; i++) {
      if (chosen[i]) {
        out[j++] = i;
      }
    }
    return out;
  }

  private static int[] ids(List<String> tokens, Map<String, Integer> vocab) {
    int[] out = new int[tokens.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = vocab.computeIfAbsent(tokens.get(i), t -> vocab.size());
    }
    return out;
  }

  private static int[] concat(int[][] sentences, boolean[] chosen) {
    int len = 0;
    for (int i = 0; i < sentences.length; i++) {
      if (chosen[i]) {
        len += sentences[i].length;
      }
    }
    int[] flat = new int[len];
    int p = 0;
    for (int i = 0; i < sentences.length; i++) {
      if (chosen[i]) {
        System.arraycopy(sentences[i], 0, flat, p, sentences[i].length);
        p += sentences[i].length;
      }
    }
    return flat;
  }

  /** max over references of R1 F1 plus max over references of R2 F1 (score_multi per metric). */
  private static double objective(int[] pred, List<Reference> refs, int[] scratch) {
    double r1 = 0;
    double r2 = 0;
    Map<Long, Integer> predBigrams = bigrams(pred);
    for (Reference ref : refs) {
      // Unigram overlap: clip the prediction's counts by the reference's.
      for (int t : pred) {
        scratch[t]++;
      }
      int overlap1 = 0;
      for (int t = 0; t < ref.unigrams.length; t++) {
        if (ref.unigrams[t] > 0) {
          overlap1 += Math.min(ref.unigrams[t], scratch[t]);
        }
      }
      for (int t : pred) {
        scratch[t] = 0;
      }
      int overlap2 = 0;
      for (Map.Entry<Long, Integer> e : ref.bigrams.entrySet()) {
        overlap2 += Math.min(e.getValue(), predBigrams.getOrDefault(e.getKey(), 0));
      }
      r1 = Math.max(r1, f1(overlap1, pred.length, ref.length));
      r2 = Math.max(r2, f1(overlap2, Math.max(pred.length - 1, 0), Math.max(ref.length - 1, 0)));
    }
    return r1 + r2;
  }

  private static double f1(int overlap, int predCount, int refCount) {
    return RougeScore.of(
        overlap / (double) Math.max(predCount, 1), overlap / (double) Math.max(refCount, 1)).f1();
  }

  private static Map<Long, Integer> bigrams(int[] tokens) {
    Map<Long, Integer> m = new HashMap<>();
    for (int i = 0; i + 1 < tokens.length; i++) {
      m.merge(((long) tokens[i] << 32) | (tokens[i + 1] & 0xffffffffL), 1, Integer::sum);
    }
    return m;
  }

  /** A reference's n-gram counts over the document's token ids. */
  private static final class Reference {
    final int length;
    final int[] unigrams;
    final Map<Long, Integer> bigrams;

    Reference(int[] tokens, int vocabSizeSoFar) {
      this.length = tokens.length;
      this.unigrams = new int[vocabSizeSoFar];
      for (int t : tokens) {
        unigrams[t]++;
      }
      this.bigrams = bigrams(tokens);
    }
  }
}
