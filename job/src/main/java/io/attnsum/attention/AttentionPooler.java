package io.attnsum.attention;

import io.attnsum.encode.EncodedChunk;
import io.attnsum.encode.TokenTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the sentences of a chunk of documents into attention-pooled sentence vectors.
 *
 * <p>Per sentence: the known tokens' vectors H {@code [T, d]} go through scaled dot-product
 * self-attention, then attention pooling with a query q = mix · (prior-weighted document
 * centroid) + (1 − mix) · (sentence mean): α = softmax(q·(AH)ᵀ / (√d·temperature) + w·log
 * prior(token)), sentence vector = Σ α_t (AH)_t. The prior is SIF or IDF-style (see {@link
 * TokenPrior}); adding its log to the logits multiplies the softmax weights by prior^w, the same
 * reweighting SIF applies to a plain average (Arora et al. 2017).
 *
 * <p>A window is attended over its distinct words, each counted as often as it occurs (see {@link
 * BatchedSelfAttention}): the same attention up to rounding, with a smaller H Hᵀ product (about
 * half of the summarize stage) wherever function words repeat; measured 0.94× the stage on
 * generated news (the batched matmul's time follows the padded length more than its square).
 *
 * <p>Batching: sentences are cut into windows of at most {@code windowTokens} known tokens; the
 * windows of the whole chunk are sorted by distinct words and packed into batches of {@code
 * batchSize} windows that share a padded length. The padded length is the window's distinct word
 * count rounded up to a multiple of {@value #LENGTH_BUCKET}, a function of the window alone: a
 * window is therefore always computed with the same padded shape, whichever other documents
 * share the chunk, which makes results bit-for-bit independent of chunk composition (each batch
 * element is an independent matmul/softmax of that shape) while wasting at most 3 padded rows per
 * window.
 * (Four rather than eight: the batched matmul's time follows the padded length, and the extra
 * batches of finer buckets cost less than the padding they save; measured 0.95× on the summarize
 * stage. Two and one were slower: too many small batches.)
 *
 * <p>The query is applied as H q without forming q: H q = H c + s · Σ_u (H Hᵀ)[·, u] for c =
 * mix · centroid and s = (1 − mix) / known tokens, where H Hᵀ is the product the attention
 * computes anyway and H c comes out of it too, c riding in a padded row (see {@link
 * BatchedSelfAttention}); only a window that is part of a longer sentence, whose mean spans
 * tokens outside the window, forms q explicitly.
 *
 * <p>Windows of one sentence are combined weighted by their token counts, so a long sentence's
 * vector is the token-weighted mean of its windows' pooled vectors and its α still sums to 1.
 * Unknown tokens are skipped (α = 0); a sentence with no known token gets a zero vector.
 *
 * <p>Not thread-safe (reuses host buffers and holds an ND4J workspace, which is per thread): one
 * instance per task thread, {@link #close() closed} when it is done.
 */
public final class AttentionPooler implements AutoCloseable {
  static final int LENGTH_BUCKET = 4;
  private static final Logger LOG = LoggerFactory.getLogger(AttentionPooler.class);

  private final AttentionSettings settings;
  // The table of the current pool() call.
  private TokenTable table;
  private int dim;
  private float[] data;
  private final float logWeightScale;
  // Host buffers reused across batches and chunks; grown, never shrunk.
  private int[] hostRows = new int[0];
  private float[] hostQ = new float[0];
  private float[] hostBias = new float[0];
  private float[] hostPooled = new float[0];
  private float[] hostAlpha = new float[0];
  private int[] hostLengths = new int[0];
  private float[] hostShares = new float[0];
  private float[] rowWeights = new float[0];
  private float[] rowScratch = new float[0];
  private float[] sumScratch = new float[0];
  // Per table row, reused across documents while the table stays the same: the row's log prior
  // (NaN = not yet computed).
  private float[] logPriors = new float[0];
  private TokenTable priorsOf;
  // The current document's distinct rows (its centroid) and the current window's (its attention).
  private final DistinctRows documentRows = new DistinctRows();
  private final DistinctRows windowRows = new DistinctRows();
  private float[] hostMult = new float[0];
  // Kept for the pooler's life: its workspace then reaches the largest batch once, instead of
  // being learnt and grown again for every chunk (0.86x the summarize stage with the Gram's).
  private BatchedSelfAttention attention;
  private final AttentionKernel kernel;

  public AttentionPooler(AttentionSettings settings) {
    this.settings = settings;
    this.logWeightScale = (float) settings.priorWeight();
    this.kernel = settings.kernel().resolve();
  }

  /** The kernel this pooler runs ({@code settings.kernel()} resolved in this JVM). */
  public AttentionKernel kernel() {
    return kernel;
  }

  /**
   * Pooled sentence vectors, one entry per document of the chunk, same order.
   *
   * @param chunk the documents' token rows in their table (−1: no vector), and, when token
   *     weights are asked for, the tokens
   */
  public List<PooledSentences> pool(EncodedChunk chunk) {
    long started = System.nanoTime();
    use(chunk.table());
    int docCount = chunk.rows().length;
    List<PooledSentences> out = new ArrayList<>(docCount);
    // Known-token rows, their positions in the sentence and their slots among their window's
    // distinct rows, per document and sentence.
    int[][][] rows = new int[docCount][][];
    int[][][] positions = new int[docCount][][];
    int[][][] slots = new int[docCount][][];
    Windows windows = new Windows();
    float[] centroid = new float[dim];
    float[][] queryMix = new float[docCount][];
    for (int di = 0; di < docCount; di++) {
      int[][] sentenceRows = chunk.rows()[di];
      int n = sentenceRows.length;
      rows[di] = new int[n][];
      positions[di] = new int[n][];
      slots[di] = new int[n][];
      int[] known = new int[n];
      float[][] weights = settings.tokenWeights() ? new float[n][] : null;
      for (int si = 0; si < n; si++) {
        int[] all = sentenceRows[si];
        int[] r = new int[all.length];
        int[] p = new int[all.length];
        int k = 0;
        for (int t = 0; t < all.length; t++) {
          int row = all[t];
          if (row >= 0) {
            documentRows.add(row);
            r[k] = row;
            p[k++] = t;
          }
        }
        rows[di][si] = Arrays.copyOf(r, k);
        positions[di][si] = Arrays.copyOf(p, k);
        int[] slot = new int[k];
        slots[di][si] = slot;
        known[si] = k;
        if (weights != null) {
          weights[si] = new float[all.length];
        }
        for (int start = 0; start < k; start += settings.windowTokens()) {
          int len = Math.min(settings.windowTokens(), k - start);
          windows.add(di, si, start, len, distinctSlots(r, start, len, slot));
        }
      }
      // Prior-weighted centroid over the distinct words, weighted by occurrences (the weights'
      // sum in float64; the weighted rows summed in float by the vectorised kernel).
      int distinct = documentRows.size();
      int[] docRows = documentRows.rows();
      int[] docRowCounts = documentRows.counts();
      if (rowWeights.length < distinct) {
        rowWeights = new float[distinct];
      }
      double centroidWeight = 0;
      for (int i = 0; i < distinct; i++) {
        double w = docRowCounts[i] * priorWeight(docRows[i]);
        rowWeights[i] = (float) w;
        centroidWeight += w;
      }
      BatchedSelfAttention.weightedRowSum(
          data, docRows, 0, distinct, dim, rowWeights, centroid, 0, rowScratch, sumScratch);
      documentRows.clear();
      // The centroid part of the pooling query; the sentence part is added per window.
      float[] c = new float[dim];
      if (centroidWeight > 0) {
        for (int j = 0; j < dim; j++) {
          c[j] = (float) (settings.queryMix() * centroid[j] / centroidWeight);
        }
      }
      queryMix[di] = c;
      out.add(new PooledSentences(dim, new float[n * dim], known, weights,
          chunk.tokens() == null ? null : chunk.tokens()[di]));
    }
    int batches = attendWindows(windows, rows, positions, slots, queryMix, out);
    // A chunk's own table (contextual states) is not kept past the call.
    if (!(chunk.table() instanceof io.attnsum.encode.VectorPack)) {
      priorsOf = null;
      table = null;
      data = null;
    }
    LOG.debug(
        "pooled {} windows of {} documents in {} batches, {} ms",
        windows.size,
        docCount,
        batches,
        (System.nanoTime() - started) / 1_000_000);
    return out;
  }

  /**
   * Numbers the distinct rows of {@code rows[start, start + len)} in order of first occurrence
   * into {@code slot} (same range); returns how many there are.
   */
  private int distinctSlots(int[] rows, int start, int len, int[] slot) {
    for (int t = start; t < start + len; t++) {
      slot[t] = windowRows.add(rows[t]);
    }
    int distinct = windowRows.size();
    windowRows.clear();
    return distinct;
  }

  /**
   * The encoder's own pooling ({@link SentencePooling#MODEL}): the chunk's pooled vectors when
   * the encoder made them, else the mean of each sentence's known token vectors; token weights,
   * when asked for, are 1 / known for each known token. A sentence without known tokens gets a
   * zero vector either way (an encoder's pooled vector of [CLS] [UNK] [SEP] is the same for every
   * such sentence, and would make them all alike to the ranking).
   */
  public static List<PooledSentences> modelPooled(EncodedChunk chunk, boolean tokenWeights) {
    TokenTable table = chunk.table();
    int dim = table.dim();
    float[] data = table.data();
    List<PooledSentences> out = new ArrayList<>(chunk.rows().length);
    for (int d = 0; d < chunk.rows().length; d++) {
      int[][] rows = chunk.rows()[d];
      int n = rows.length;
      float[] vectors = chunk.pooled() != null ? chunk.pooled()[d].clone() : new float[n * dim];
      int[] known = new int[n];
      float[][] weights = tokenWeights ? new float[n][] : null;
      double[] sum = new double[dim];
      for (int s = 0; s < n; s++) {
        known[s] = EncodedChunk.known(rows[s]);
        if (weights != null) {
          weights[s] = new float[rows[s].length];
        }
        if (known[s] == 0) {
          Arrays.fill(vectors, s * dim, (s + 1) * dim, 0f);
          continue;
        }
        Arrays.fill(sum, 0);
        for (int t = 0; t < rows[s].length; t++) {
          int r = rows[s][t];
          if (r < 0) {
            continue;
          }
          if (weights != null) {
            weights[s][t] = 1f / known[s];
          }
          for (int j = 0; j < dim; j++) {
            sum[j] += data[r * dim + j];
          }
        }
        if (chunk.pooled() == null) {
          for (int j = 0; j < dim; j++) {
            vectors[s * dim + j] = (float) (sum[j] / known[s]);
          }
        }
      }
      out.add(new PooledSentences(dim, vectors, known, weights,
          chunk.tokens() == null ? null : chunk.tokens()[d]));
    }
    return out;
  }

  /** Makes {@code t} the table of this call: its width and rows, and the priors' cache. */
  private void use(TokenTable t) {
    table = t;
    data = t.data();
    if (dim != t.dim()) {
      dim = t.dim();
      rowScratch = new float[dim];
      sumScratch = new float[dim];
    }
    documentRows.fit(t.size());
    windowRows.fit(t.size());
    if (priorsOf != t) {
      if (logPriors.length < t.size()) {
        logPriors = new float[t.size()];
      }
      Arrays.fill(logPriors, 0, t.size(), Float.NaN);
      priorsOf = t;
    }
  }

  /** {@code log(prior weight)} of a row, computed once per row while the table stays. */
  private float logPrior(int row) {
    float v = logPriors[row];
    if (Float.isNaN(v)) {
      v = (float) Math.log(priorWeight(row));
      logPriors[row] = v;
    }
    return v;
  }

  private double priorWeight(int row) {
    double p = (double) table.count(row) / table.totalCount();
    return settings.prior().weight(p, settings.sifA(), table.totalCount());
  }

  private int attendWindows(
      Windows windows,
      int[][][] rows,
      int[][][] positions,
      int[][][] slots,
      float[][] queryCentroids,
      List<PooledSentences> out) {
    int[] order = windows.sortedByDistinct();
    int batchSize = settings.batchSize();
    int batches = 0;
    float poolScale = (float) (1.0 / (Math.sqrt(dim) * settings.poolTemperature()));
    float sentenceShare = (float) (1.0 - settings.queryMix());
    if (attention == null) {
      attention = new BatchedSelfAttention(kernel);
    }
    int i = 0;
    while (i < order.length) {
      int padded = bucket(windows.distinct[order[i]]);
      int end = i;
      while (end < order.length
          && end - i < batchSize
          && bucket(windows.distinct[order[end]]) == padded) {
        end++;
      }
      int b = end - i;
      ensureCapacity(b, padded);
      for (int slot = 0; slot < b; slot++) {
        int w = order[i + slot];
        int di = windows.doc[w];
        int si = windows.sentence[w];
        int start = windows.start[w];
        int len = windows.length[w];
        int distinct = windows.distinct[w];
        int[] r = rows[di][si];
        int[] rowSlot = slots[di][si];
        int first = slot * padded;
        hostLengths[slot] = distinct;
        Arrays.fill(hostMult, first, first + distinct, 0f);
        for (int t = 0; t < len; t++) {
          int k = first + rowSlot[start + t];
          if (hostMult[k] == 0f) {
            int row = r[start + t];
            hostRows[k] = row;
            hostBias[k] = logWeightScale == 0 ? 0f : logWeightScale * logPrior(row);
          }
          hostMult[k] += 1f;
        }
        // q = mix·centroid + (1 − mix)·mean of the sentence's known vectors [d]. A window that
        // is the whole sentence (almost all) passes c and the share; the attention applies the
        // share as row sums of H Hᵀ (see BatchedSelfAttention).
        int qBase = slot * dim;
        float share = sentenceShare / r.length;
        System.arraycopy(queryCentroids[di], 0, hostQ, qBase, dim);
        if (len == r.length) {
          hostShares[slot] = share;
        } else {
          // Part of a long sentence: the sentence part of q spans tokens outside the window,
          // so q is formed explicitly.
          if (sentenceShare > 0) {
            for (int row : r) {
              int base = row * dim;
              for (int j = 0; j < dim; j++) {
                hostQ[qBase + j] += share * data[base + j];
              }
            }
          }
          hostShares[slot] = 0f;
        }
      }
      attention.attendAndPool(data, hostRows, hostLengths, hostMult, hostQ, hostShares, hostBias,
          poolScale, b, padded, dim, hostPooled, hostAlpha);
      batches++;
      for (int slot = 0; slot < b; slot++) {
        scatter(windows, order[i + slot], slot, padded, rows, positions, slots, out);
      }
      i = end;
    }
    return batches;
  }

  /**
   * Frees the attention's native workspace. The pooler stays usable (the next {@link #pool} makes
   * a new one); call it from the thread that pooled, as ND4J workspaces are per thread.
   */
  @Override
  public void close() {
    if (attention != null) {
      attention.close();
      attention = null;
    }
  }

  /** Adds one window's pooled vector and α into its sentence, weighted by its token share. */
  private void scatter(
      Windows windows,
      int w,
      int slot,
      int padded,
      int[][][] rows,
      int[][][] positions,
      int[][][] slots,
      List<PooledSentences> out) {
    int di = windows.doc[w];
    int si = windows.sentence[w];
    int len = windows.length[w];
    int known = rows[di][si].length;
    PooledSentences target = out.get(di);
    float share = len == known ? 1f : (float) len / known;
    float[] v = target.vectors();
    int base = si * dim;
    int src = slot * dim;
    if (len == known) {
      System.arraycopy(hostPooled, src, v, base, dim); // the sentence's only window
    } else {
      for (int j = 0; j < dim; j++) {
        v[base + j] += share * hostPooled[src + j];
      }
    }
    if (target.tokenWeights() != null) {
      float[] alpha = target.tokenWeights()[si];
      int[] pos = positions[di][si];
      int[] rowSlot = slots[di][si];
      int start = windows.start[w];
      for (int t = 0; t < len; t++) {
        alpha[pos[start + t]] = share * hostAlpha[slot * padded + rowSlot[start + t]];
      }
    }
  }

  static int bucket(int length) {
    return (length + LENGTH_BUCKET - 1) / LENGTH_BUCKET * LENGTH_BUCKET;
  }

  private void ensureCapacity(int b, int padded) {
    if (hostQ.length < b * dim) {
      hostQ = new float[b * dim];
      hostPooled = new float[b * dim];
    }
    if (hostBias.length < b * padded) {
      hostBias = new float[b * padded];
      hostAlpha = new float[b * padded];
      hostMult = new float[b * padded];
      hostRows = new int[b * padded];
    }
    if (hostLengths.length < b) {
      hostLengths = new int[b];
      hostShares = new float[b];
    }
  }

  /** Windows of the chunk as parallel arrays (no object per window). */
  private static final class Windows {
    int size;
    int[] doc = new int[64];
    int[] sentence = new int[64];
    int[] start = new int[64];
    int[] length = new int[64]; // known tokens
    int[] distinct = new int[64]; // distinct rows among them

    void add(int d, int s, int st, int len, int distinctRows) {
      if (size == doc.length) {
        int n = size * 2;
        doc = Arrays.copyOf(doc, n);
        sentence = Arrays.copyOf(sentence, n);
        start = Arrays.copyOf(start, n);
        length = Arrays.copyOf(length, n);
        distinct = Arrays.copyOf(distinct, n);
      }
      doc[size] = d;
      sentence[size] = s;
      start[size] = st;
      length[size] = len;
      distinct[size++] = distinctRows;
    }

    /** Window indices by (distinct rows, document, sentence, start): deterministic. */
    int[] sortedByDistinct() {
      Integer[] idx = new Integer[size];
      for (int i = 0; i < size; i++) {
        idx[i] = i;
      }
      // Windows were added in (document, sentence, start) order, so a stable sort by distinct
      // rows keeps that order among equal counts.
      Arrays.sort(idx, (a, b) -> Integer.compare(distinct[a], distinct[b]));
      int[] out = new int[size];
      for (int i = 0; i < size; i++) {
        out[i] = idx[i];
      }
      return out;
    }
  }
}
