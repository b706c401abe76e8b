package io.attnsum.encode;

import io.attnsum.text.AnalyzedDocument;
import io.attnsum.text.Sentence;
import java.util.ArrayList;
import java.util.List;

/**
 * Every sentence through the pretrained encoder: its pieces' last-layer states become the chunk's
 * token table, and each sentence also gets the vector the model was trained to pool (mean or
 * [CLS], see {@link Pooling}).
 *
 * <p>A sentence longer than the encoder's window ({@code maxTokens} positions, [CLS] and [SEP]
 * included) is encoded in consecutive windows of {@code maxTokens − 2} pieces, each framed by
 * [CLS] and [SEP]; its pieces keep the states of their own window, and its pooled vector is the
 * windows' pooled vectors weighted by their piece counts. Nothing is truncated.
 *
 * <p>All windows of a chunk go to the encoder in one call, which batches them by length; a
 * sentence's states do not depend on the other sentences of the chunk ({@link BertEncoder}).
 * Table rows count as the pieces' Zipf-estimated frequencies ({@link PieceFrequencies}) out of
 * the vocabulary's total, as a static pack's rows do, for the attention prior: a piece's prior is
 * then the same in every chunk, whichever documents share it.
 */
public final class ContextualEncoder implements SentenceEncoder {
  private final BertEncoder encoder;
  private final WordPieceTokenizer tokenizer;
  private final PieceFrequencies frequencies;
  private final Pooling pooling;
  private final int windowPieces;
  private final int hidden;
  private long sentences;

  public ContextualEncoder(BertEncoder encoder, WordPieceTokenizer tokenizer,
      PieceFrequencies frequencies, Pooling pooling, int maxTokens) {
    if (tokenizer.vocabSize() > encoder.config().vocabSize()) {
      throw new IllegalArgumentException("the tokenizer has " + tokenizer.vocabSize()
          + " pieces but the encoder's vocabulary " + encoder.config().vocabSize());
    }
    this.encoder = encoder;
    this.tokenizer = tokenizer;
    this.frequencies = frequencies;
    this.pooling = pooling;
    this.windowPieces = Math.min(maxTokens, encoder.maxPositions()) - 2;
    this.hidden = encoder.hidden();
  }

  @Override
  public EncodedChunk encode(List<AnalyzedDocument> documents, boolean withTokens) {
    int docs = documents.size();
    int[][][] ids = new int[docs][][];
    List<int[]> windows = new ArrayList<>();
    int pieces = 0;
    for (int d = 0; d < docs; d++) {
      List<Sentence> ss = documents.get(d).sentences();
      ids[d] = new int[ss.size()][];
      for (int s = 0; s < ss.size(); s++) {
        int[] p = tokenizer.pieceIds(ss.get(s).text());
        ids[d][s] = p;
        pieces += p.length;
        for (int start = 0; start < p.length; start += windowPieces) {
          int len = Math.min(windowPieces, p.length - start);
          int[] w = new int[len + 2];
          w[0] = tokenizer.clsId();
          System.arraycopy(p, start, w, 1, len);
          w[len + 1] = tokenizer.sepId();
          windows.add(w);
        }
      }
      sentences += ss.size();
    }
    float[][] states = windows.isEmpty() ? new float[0][] : encoder.encode(windows);
    // Table rows in (document, sentence, piece) order; each sentence's pooled vector.
    float[] data = new float[pieces * hidden];
    long[] counts = new long[pieces];
    int[][][] rows = new int[docs][][];
    String[][][] tokens = withTokens ? new String[docs][][] : null;
    float[][] pooled = new float[docs][];
    int row = 0;
    int window = 0;
    for (int d = 0; d < docs; d++) {
      int n = ids[d].length;
      rows[d] = new int[n][];
      pooled[d] = new float[n * hidden];
      if (tokens != null) {
        tokens[d] = new String[n][];
      }
      for (int s = 0; s < n; s++) {
        int[] p = ids[d][s];
        int[] r = new int[p.length];
        for (int start = 0; start < p.length; start += windowPieces, window++) {
          int len = Math.min(windowPieces, p.length - start);
          float[] w = states[window];
          System.arraycopy(w, hidden, data, row * hidden, len * hidden);
          float[] v = pooling.pool(w, hidden);
          float share = (float) len / p.length;
          for (int j = 0; j < hidden; j++) {
            pooled[d][s * hidden + j] += share * v[j];
          }
          for (int t = 0; t < len; t++) {
            int id = p[start + t];
            counts[row] = frequencies.count(id);
            r[start + t] = frequencies.meaningful(id) ? row : -1;
            row++;
          }
        }
        rows[d][s] = r;
        if (tokens != null) {
          tokens[d][s] = StaticPieceEncoder.pieces(tokenizer, p);
        }
      }
    }
    return new EncodedChunk(new StateTable(data, hidden, counts, frequencies.totalCount()), rows,
        tokens, pooled);
  }

  @Override
  public int dim() {
    return hidden;
  }

  @Override
  public long sentencesEncoded() {
    return sentences;
  }

  @Override
  public void close() {
    encoder.releaseThreadMemory();
  }

  /**
   * One chunk's token states; {@code totalCount} is the vocabulary's (not the chunk's), so that a
   * row's probability count / total does not depend on the chunk.
   */
  private record StateTable(float[] data, int dim, long[] counts, long totalCount)
      implements TokenTable {
    @Override
    public int size() {
      return counts.length;
    }

    @Override
    public long count(int row) {
      return counts[row];
    }
  }
}
