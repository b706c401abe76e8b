package io.attnsum.encode;

import java.util.regex.Pattern;

/**
 * Which vocabulary pieces carry meaning, and how frequent each is estimated to be, without a
 * corpus: by Zipf's law over the vocabulary order, p_r = (1 / (r + 1)) / Σ_j 1 / (j + 1) for the
 * r-th meaningful piece (1-based), as Model2Vec estimates them (Tulkens &amp; van Dongen 2024).
 * WordPiece vocabularies list whole words roughly by frequency after their single characters, so
 * the estimate is rough, and it is no estimate at all for vocabularies in code-point order (the
 * Chinese BERT vocabulary): it serves priors that only need "function piece or content piece".
 *
 * <p>Not meaningful: the {@code [unusedN]} placeholders and the special tokens.
 */
public final class PieceFrequencies {
  private static final Pattern UNUSED = Pattern.compile("\\[unused\\d+\\]");
  // Counts are probabilities scaled to integers, so that they fit TokenTable's corpus counts.
  private static final double SCALE = 1e12;

  private final boolean[] meaningful;
  private final double[] probability;
  private final long[] counts;
  private final long total;

  public PieceFrequencies(WordPieceTokenizer tokenizer) {
    int vocab = tokenizer.vocabSize();
    meaningful = new boolean[vocab];
    int kept = 0;
    for (int id = 0; id < vocab; id++) {
      String piece = tokenizer.piece(id);
      meaningful[id] = piece != null && !UNUSED.matcher(piece).matches()
          && id != tokenizer.clsId() && id != tokenizer.sepId() && id != tokenizer.padId()
          && id != tokenizer.unkId() && !"[MASK]".equals(piece);
      kept += meaningful[id] ? 1 : 0;
    }
    double harmonic = 0;
    for (int r = 1; r <= kept; r++) {
      harmonic += 1.0 / (r + 1);
    }
    probability = new double[vocab];
    counts = new long[vocab];
    long sum = 0;
    int rank = 0;
    for (int id = 0; id < vocab; id++) {
      if (meaningful[id]) {
        rank++;
        probability[id] = (1.0 / (rank + 1)) / harmonic;
        counts[id] = Math.max(1, Math.round(probability[id] * SCALE));
        sum += counts[id];
      }
    }
    total = Math.max(1, sum);
  }

  public boolean meaningful(int id) {
    return meaningful[id];
  }

  /** The Zipf estimate of the piece's probability (0 for pieces without meaning). */
  public double probability(int id) {
    return probability[id];
  }

  /** The probability as an integer count out of {@link #totalCount()}. */
  public long count(int id) {
    return counts[id];
  }

  public long totalCount() {
    return total;
  }

  /** The counts of every id, for a pack ({@code [vocabulary]}); a copy. */
  public long[] counts() {
    return counts.clone();
  }
}
