package io.attnsum.encode;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Static piece vectors distilled from a BERT-family encoder by the Model2Vec recipe (Tulkens
 * &amp; van Dongen 2024, "Model2Vec: Distill a Small Fast Model from any Sentence Transformer",
 * github.com/MinishLab/model2vec): every vocabulary piece goes through the encoder on its own,
 * framed as {@code [SEP] piece [CLS]} (Model2Vec's order, which it found better than the usual
 * one), and its vector is the mean of the three output states; the vectors are then centred and
 * reduced by PCA, and each is scaled by a SIF weight a / (a + p) (Arora et al. 2017) with p the
 * piece's probability estimated from its vocabulary rank by Zipf's law ({@link PieceFrequencies}). A
 * sentence's vector is then a pooling of its pieces' rows: no encoder runs per document.
 *
 * <p>Pieces that carry no meaning get no vector (a zero row, which lookups treat as unknown):
 * the {@code [unusedN]} placeholders and the special tokens ({@code [PAD]}, {@code [UNK]}, {@code
 * [CLS]}, {@code [SEP]}, {@code [MASK]}). They are also left out of the PCA and of the ranks.
 *
 * <p>Deterministic: the encoder's output for a piece does not depend on its batch, and {@link
 * Pca} is plain float64 Java, so the pack is the same bits every time it is built.
 */
public final class StaticDistiller {
  private static final Logger LOG = LoggerFactory.getLogger(StaticDistiller.class);
  // Pieces per encoder call: three tokens each, so the activations stay small.
  private static final int BATCH = 2048;

  private StaticDistiller() {}

  /**
   * Distils the pack.
   *
   * @param dimensions PCA components to keep; 0, or more than the encoder's width, keeps the
   *     encoder's width (PCA still centres and rotates), as Model2Vec does for a PCA wider than
   *     the model
   * @param sifA the SIF constant a; 0 leaves the vectors unweighted
   * @return one row per vocabulary id (row = id), named by the piece
   */
  public static VectorPack distil(
      BertEncoder encoder, WordPieceTokenizer tokenizer, int dimensions, double sifA) {
    long started = System.nanoTime();
    int vocab = tokenizer.vocabSize();
    int hidden = encoder.hidden();
    int dims = dimensions == 0 ? hidden : Math.min(dimensions, hidden);
    if (dimensions > hidden) {
      // The default (256) is wider than a small user encoder: not an error, all of it is kept.
      LOG.info("encoder.static.dimensions is {} but {} has {} dimensions: keeping all {}",
          dimensions, encoder.file(), hidden, hidden);
    }
    PieceFrequencies frequencies = new PieceFrequencies(tokenizer);
    boolean[] meaningful = new boolean[vocab];
    int kept = 0;
    for (int id = 0; id < vocab; id++) {
      meaningful[id] = frequencies.meaningful(id);
      kept += meaningful[id] ? 1 : 0;
    }
    float[] states = new float[vocab * hidden];
    List<int[]> batch = new ArrayList<>(BATCH);
    List<Integer> ids = new ArrayList<>(BATCH);
    for (int id = 0; id <= vocab; id++) {
      if (id < vocab && meaningful[id]) {
        batch.add(new int[] {tokenizer.sepId(), id, tokenizer.clsId()});
        ids.add(id);
      }
      if (batch.size() == BATCH || (id == vocab && !batch.isEmpty())) {
        float[][] out = encoder.encode(batch);
        for (int b = 0; b < out.length; b++) {
          int base = ids.get(b) * hidden;
          float[] s = out[b];
          for (int j = 0; j < hidden; j++) {
            states[base + j] = (s[j] + s[hidden + j] + s[2 * hidden + j]) / 3f;
          }
        }
        batch.clear();
        ids.clear();
      }
    }
    long encoded = System.nanoTime();
    Pca pca = Pca.fit(states, hidden, meaningful, dims);
    float[] reduced = pca.project(states, hidden);
    String[] words = new String[vocab];
    for (int id = 0; id < vocab; id++) {
      String piece = tokenizer.piece(id);
      words[id] = piece != null ? piece : "\u0000id" + id;
      int base = id * dims;
      if (!meaningful[id]) {
        java.util.Arrays.fill(reduced, base, base + dims, 0f);
        continue;
      }
      if (sifA > 0) {
        float w = (float) (sifA / (sifA + frequencies.probability(id)));
        for (int j = 0; j < dims; j++) {
          reduced[base + j] *= w;
        }
      }
    }
    LOG.info("distilled {} static piece vectors ({} -> {} dims) from {} in {} s (encoder {} s)",
        kept, hidden, dims, encoder.file(), seconds(started, System.nanoTime()),
        seconds(started, encoded));
    return new VectorPack(words, reduced, dims, frequencies.counts());
  }

  private static String seconds(long from, long to) {
    return String.format(java.util.Locale.ROOT, "%.1f", (to - from) / 1e9);
  }
}
