package io.attnsum.attention;

import io.attnsum.encode.Nd4jWorkspaces;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Scaled dot-product self-attention (Vaswani et al. 2017, "Attention Is All You Need", eq. 1,
 * with Q = K = V = H) followed by query-vector attention pooling, over one padded batch of many
 * sentences at once: the scores H Hᵀ, the one product that grows with T²·d, are computed either
 * by a single batched ND4J matmul over the whole batch (never one op per sentence; {@link
 * AttentionKernel#ND4J}, the CUDA path) or window by window by the Java Vector API kernel ({@link
 * AttentionKernel#JAVA_VECTOR}, see {@link VectorKernel}, which also takes the softmax); the
 * softmax over each sentence's real tokens and the pooling, which needs only matrix-vector
 * products with A and H, run as Java loops over real tokens (see {@link #attendAndPool}).
 *
 * <p>Masking: the softmax of a real query row runs over the sentence's real keys only, so padded
 * keys have attention weight exactly 0 and padding is invisible to real queries (the same as a
 * −∞ bias on padded keys, without computing their exponentials). Padded query rows are never
 * computed or pooled: pooling reads only the first {@code lengths[b]} rows and columns of A, and
 * their α is exactly 0.
 *
 * <p>All ND4J arrays of a batch live in one thread-local workspace that is reused batch after
 * batch (its size is learnt on the first batch and grows only when a larger batch comes), so the
 * hot loop allocates no native memory; {@link #close()} releases it. Not thread-safe: one
 * instance per thread.
 */
public final class BatchedSelfAttention implements AutoCloseable {
  static final WorkspaceConfiguration WORKSPACE = Nd4jWorkspaces.REUSED;

  private final String workspaceId = "attnsum-attention-" + System.identityHashCode(this);
  private float[] hostA = new float[0];
  private float[] hostG = new float[0];
  private float[] ones = new float[0]; // multiplicities of sentences given token by token
  private float[] hq = new float[0];
  private float[] w = new float[0];
  private int[] bases = new int[0]; // row starts for rowDots
  private float[] rowScratch = new float[0];
  private float[] sumScratch = new float[0];
  private float[] zeros = new float[0]; // the padded rows' source
  private final VectorKernel kernel; // null: H Hᵀ by ND4J's batched matmul
  private int[] offsets = new int[0]; // a window's row offsets in the table (Java kernel)

  /**
   * @param kernel who computes H Hᵀ and H q: {@link AttentionKernel#ND4J} or {@link
   *     AttentionKernel#JAVA_VECTOR} (resolve {@link AttentionKernel#AUTO} first)
   */
  public BatchedSelfAttention(AttentionKernel kernel) {
    this.kernel = kernel.newJavaKernel();
  }

  /**
   * Attends and pools one batch whose pooling query for sentence b is q = queries[b] + s_b · Σ_u
   * h_u (a given part, e.g. a document centroid, plus a share s_b of the sentence's own vectors),
   * applied as H q without forming it: H (Σ_u h_u) is the row sums of H Hᵀ, and H queries[b]
   * comes out of the same product, because queries[b] is placed in the sentence's first padded
   * row (outside the softmax's keys, never pooled as a query), where H Hᵀ's column for it is H
   * queries[b]. A sentence without a padded row (lengths[b] = tokens) gets H queries[b] from row
   * dot products.
   *
   * <p>H is given as rows of a table (e.g. the word vectors themselves), so the caller does not
   * copy the vectors into a batch block: they go once from the table into the ND4J buffer, and
   * pooling reads them from the table again.
   *
   * <p>A sentence may be given by its distinct rows, each with the number of its tokens it stands
   * for: identical tokens have identical rows of H Hᵀ, identical scores as keys and identical
   * pooling logits, so a softmax over the sentence's tokens equals one over its distinct rows with
   * each row's weight multiplied by its multiplicity (log m added to the logit), and H (Σ_u h_u)
   * sums the columns of H Hᵀ weighted by it. That is the attention over all tokens, up to
   * rounding, in (distinct / tokens)² of the H Hᵀ work; with all multiplicities 1 it is the same
   * computation bit for bit.
   *
   * @param table row-major vectors {@code [rows, dim]}
   * @param rowIndex {@code [batch, tokens]}: token t of sentence b is table row {@code
   *     rowIndex[b · tokens + t]}; only the first {@code lengths[b]} entries of a row are read
   *     (the padded rows are zeros, but for the query part)
   * @param multiplicities {@code [batch, tokens]}: how many of the sentence's tokens row t stands
   *     for (first {@code lengths[b]} entries of a row read), or null for 1 each
   * @param queries {@code [batch, dim]}, the given part of each sentence's pooling query
   * @param sentenceShares {@code [batch]}, s per sentence; 0 = queries[b] is all of q
   * @param poolBias additive pooling-logit bias {@code [batch, tokens]} (e.g. log prior); only
   *     the first {@code lengths[b]} entries of a row are read
   * @param poolScale multiplies {@code q·attended} before the bias is added
   * @param pooled out: pooled sentence vectors {@code [batch, dim]}
   * @param alpha out: pooling weight of one token of each row (a row standing for m tokens
   *     carries m of them: Σ_t m_t α_t = 1), exactly 0 on padding
   */
  public void attendAndPool(
      float[] table,
      int[] rowIndex,
      int[] lengths,
      float[] multiplicities,
      float[] queries,
      float[] sentenceShares,
      float[] poolBias,
      float poolScale,
      int batch,
      int tokens,
      int dim,
      float[] pooled,
      float[] alpha) {
    int bt = batch * tokens;
    for (int b = 0; b < batch; b++) {
      int len = lengths[b];
      if (len < 1 || len > tokens) {
        throw new IllegalArgumentException("length " + len + " outside 1.." + tokens);
      }
    }
    float[] mult = multiplicities;
    if (mult == null) {
      if (ones.length < bt) {
        ones = new float[bt];
        Arrays.fill(ones, 1f);
      }
      mult = ones;
    }
    int btt = bt * tokens;
    if (hostA.length < btt) {
      hostA = new float[btt];
      hostG = new float[btt];
    }
    if (kernel == null) {
      try (MemoryWorkspace ws =
          Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, workspaceId)) {
        INDArray hs = gather(table, rowIndex, lengths, queries, batch, tokens, dim); // [B, T, d]
        INDArray scores = Nd4j.matmul(hs, hs, false, true, false); // [B, T, T] = H Hᵀ
        scores.data().asNioFloat().get(hostG, 0, btt); // unscaled: H q is read from it too
      }
    }
    if (hq.length < tokens) {
      hq = new float[tokens];
      w = new float[tokens];
      bases = new int[tokens];
      offsets = new int[tokens];
    }
    float scale = (float) (1.0 / Math.sqrt(dim));
    for (int b = 0; b < batch; b++) {
      if (kernel != null) {
        // One window at a time: its rows, just read for H Hᵀ, are still in cache for pooling.
        int row0 = b * tokens;
        for (int t = 0; t < lengths[b]; t++) {
          offsets[t] = rowIndex[row0 + t] * dim;
        }
        kernel.gram(table, offsets, lengths[b], dim, hostG, b * tokens * tokens, tokens);
      }
      // A = softmax(H Hᵀ / √d) over the real keys of the real query rows. In Java rather than
      // as ND4J ops over the padded [B, T, T] block: only len² of the T² entries need an
      // exponential, and three ops over the whole block (scale, mask, softmax) cost more.
      if (kernel != null) {
        kernel.softmaxRows(hostG, hostA, b * tokens * tokens, lengths[b], tokens, scale, mult,
            b * tokens);
      } else {
        softmaxRows(hostG, hostA, b * tokens * tokens, lengths[b], tokens, scale, mult, b * tokens);
      }
      // Pooling without forming A·H ([T, d] per sentence, the costliest product after H·Hᵀ):
      // logits = (A H) q = A (H q) and pooled = αᵀ (A H) = (Aᵀ α)ᵀ H, the same quantities by
      // associativity in O(T·d + T²) per sentence instead of O(T²·d). These are matrix-vector
      // products, which ND4J would hand to BLAS one sentence at a time (OpenBLAS then spends
      // its time packing operands, not multiplying), so they run as Java loops over real tokens.
      poolOne(table, rowIndex, mult, hostA, b, lengths[b], tokens, dim, queries,
          sentenceShares[b], poolBias, poolScale, pooled, alpha);
    }
  }

  /** Pooling of sentence b from its attention rows A (see attendAndPool). */
  private void poolOne(
      float[] table, int[] rowIndex, float[] mult, float[] a, int b, int len, int tokens, int dim,
      float[] queries, float share, float[] poolBias, float poolScale, float[] pooled,
      float[] alpha) {
    int a0 = b * tokens * tokens;
    int row0 = b * tokens;
    // H q  [len]: H queries[b] from the query part's column of H Hᵀ (or row dots when the
    // sentence fills its rows), plus share · row sums of H Hᵀ over the real tokens (a column
    // counted as often as its row occurs)
    if (kernel != null) {
      kernel.dots(table, offsets, len, dim, queries, b * dim, hq, 0); // offsets: set by the caller
    } else if (len == tokens) {
      for (int t = 0; t < len; t++) {
        bases[t] = rowIndex[row0 + t] * dim;
      }
      rowDots(table, bases, len, dim, queries, b * dim, hq, 0);
    } else {
      for (int t = 0; t < len; t++) {
        hq[t] = hostG[a0 + t * tokens + len];
      }
    }
    if (share != 0) {
      for (int t = 0; t < len; t++) {
        int g = a0 + t * tokens;
        float sum = 0;
        for (int u = 0; u < len; u++) {
          sum += hostG[g + u] * mult[row0 + u];
        }
        hq[t] += share * sum;
      }
    }
    // logits_t = A_t · (H q) · scale + bias_t, then α = softmax over the real tokens (a row's
    // term counted as often as it occurs)
    for (int t = 0; t < len; t++) {
      bases[t] = a0 + t * tokens;
    }
    rowDots(a, bases, len, len, hq, 0, w, 0); // A (H q)  [len], w as scratch
    double max = Double.NEGATIVE_INFINITY;
    for (int t = 0; t < len; t++) {
      float logit = w[t] * poolScale + poolBias[row0 + t];
      alpha[row0 + t] = logit;
      max = Math.max(max, logit);
    }
    double sum = 0;
    for (int t = 0; t < len; t++) {
      double e = Math.exp(alpha[row0 + t] - max);
      alpha[row0 + t] = (float) e;
      sum += e * mult[row0 + t];
    }
    for (int t = 0; t < len; t++) {
      alpha[row0 + t] = (float) (alpha[row0 + t] / sum);
    }
    java.util.Arrays.fill(alpha, row0 + len, row0 + tokens, 0f); // padded queries: exactly 0
    // w = Aᵀ (m α)  [len]; scalar (see weightedRowSum), but only len² per sentence
    java.util.Arrays.fill(w, 0, len, 0f);
    for (int t = 0; t < len; t++) {
      float at = alpha[row0 + t] * mult[row0 + t];
      int r = a0 + t * tokens;
      for (int j = 0; j < len; j++) {
        w[j] = Math.fma(at, a[r + j], w[j]);
      }
    }
    // pooled = wᵀ H  [d]
    if (rowScratch.length < dim) {
      rowScratch = new float[dim];
      sumScratch = new float[dim];
    }
    weightedRowSum(table, rowIndex, row0, len, dim, w, pooled, b * dim, rowScratch, sumScratch);
  }

  /**
   * Rows 0..len−1 of one sentence's A from its raw scores: {@code a[r, j] = m_j · exp(scale ·
   * g[r, j]) / Σ_k m_k · exp(scale · g[r, k])} over j, k = 0..len−1 with {@code m_j = mult[m0 +
   * j]} (all 1: the plain softmax), in float, each row in order (the result does not depend on
   * the batch). Rows are {@code tokens} apart from {@code a0}; other entries are left as they are.
   */
  static void softmaxRows(
      float[] g, float[] a, int a0, int len, int tokens, float scale, float[] mult, int m0) {
    for (int r = 0; r < len; r++) {
      int row = a0 + r * tokens;
      // two running maxima: one chain of dependent compares would set the pace
      float max0 = g[row];
      float max1 = max0;
      int j = 1;
      for (; j + 1 < len; j += 2) {
        max0 = Math.max(max0, g[row + j]);
        max1 = Math.max(max1, g[row + j + 1]);
      }
      if (j < len) {
        max0 = Math.max(max0, g[row + j]);
      }
      float max = Math.max(max0, max1);
      float sum = 0;
      for (j = 0; j < len; j++) {
        // (g − max) · scale ≤ 0, and exactly 0 for the largest score
        float e = expNonPositive((g[row + j] - max) * scale) * mult[m0 + j];
        a[row + j] = e;
        sum += e;
      }
      float inverse = 1f / sum; // sum ≥ 1: the largest score contributes m · e^0
      for (j = 0; j < len; j++) {
        a[row + j] *= inverse;
      }
    }
  }

  /** 2^(i/32), i = 0..31, from StrictMath: the same table on every JVM. */
  private static final float[] EXP2_32NDS = new float[32];

  static {
    for (int i = 0; i < 32; i++) {
      EXP2_32NDS[i] = (float) StrictMath.pow(2, i / 32.0);
    }
  }

  private static final float THIRTY_TWO_OVER_LN2 = (float) (32 / Math.log(2));
  /**
   * ln 2 / 32 split in two (Cody and Waite's reduction): the high part has 12 significant bits,
   * so n · LN2_32_HIGH is exact for the |n| ≤ 4032 that occur.
   */
  private static final float LN2_32_HIGH = 2839f / 131072;
  private static final float LN2_32_LOW = (float) (Math.log(2) / 32 - 2839.0 / 131072);
  /** 1.5 · 2^23: adding it rounds a float of magnitude below 2^22 to an integer. */
  private static final float ROUNDER = 12582912f;

  /**
   * e^x for x ≤ 0 in float, within 1 ulp of the correctly rounded value (checked against {@link
   * Math#exp} over the whole range in the tests); 0 below −87.3, where e^x is below float's
   * normal range and a softmax term that small cannot change a sum that includes 1. Pure float
   * arithmetic, so the same bits on every JVM; measured about 7× cheaper than {@link Math#exp}.
   *
   * <p>x = (32k + i) ln 2 / 32 + r with |r| ≤ ln 2 / 64; e^x = 2^k · 2^(i/32) · e^r, with 2^(i/32)
   * from a table and e^r − 1 by its Taylor series to r³ (truncation below 6e-10 relative).
   */
  static float expNonPositive(float x) {
    if (x < -87.3f) {
      return 0f;
    }
    float nf = (x * THIRTY_TWO_OVER_LN2 + ROUNDER) - ROUNDER;
    int n = (int) nf;
    float r = (x - nf * LN2_32_HIGH) - nf * LN2_32_LOW;
    float em1 = r * (1f + r * (0.5f + r * (1f / 6))); // e^r − 1
    float t = EXP2_32NDS[n & 31];
    return Math.fma(t, em1, t) * Float.intBitsToFloat(((n >> 5) + 127) << 23);
  }

  /**
   * {@code out[o0 + k] = Σ_j w[j] · m[r_j · dim + k]} over j = 0..rows−1, with row r_j = {@code
   * index[i0 + j]}, or {@code i0 + j} when {@code index} is null; summed over j in order with one
   * fused multiply-add per term. Each row is first copied to a scratch row and the accumulator is
   * a scratch row too: both at offset 0, the loop is one the JIT vectorises (HotSpot 17 does not
   * vectorise a loop that stores to one array and loads another at a different offset, as the
   * two may be the same array); measured about 4× faster than the loop over the rows in place.
   * Lanes are independent, so the result is the same float as the scalar loop's. The two
   * scratch arrays must be distinct and at least {@code dim} long.
   */
  static void weightedRowSum(float[] m, int[] index, int i0, int rows, int dim, float[] w,
      float[] out, int o0, float[] rowScratch, float[] sumScratch) {
    Arrays.fill(sumScratch, 0, dim, 0f);
    for (int j = 0; j < rows; j++) {
      int row = index == null ? i0 + j : index[i0 + j];
      System.arraycopy(m, row * dim, rowScratch, 0, dim);
      float wj = w[j];
      for (int k = 0; k < dim; k++) {
        sumScratch[k] = Math.fma(wj, rowScratch[k], sumScratch[k]);
      }
    }
    System.arraycopy(sumScratch, 0, out, o0, dim);
  }

  /**
   * {@code out[o0 + t] = Σ_k m[base[t] + k] · q[q0 + k]} over k = 0..cols−1, for rows t =
   * 0..rows−1 starting wherever {@code base} says (rows of a strided block, or table rows by
   * index): one sequential fused chain per row (deterministic, whatever the batch), eight rows at
   * a time so that eight independent chains hide the FMA latency.
   */
  static void rowDots(
      float[] m, int[] base, int rows, int cols, float[] q, int q0, float[] out, int o0) {
    int t = 0;
    for (; t + 8 <= rows; t += 8) {
      int a0 = base[t];
      int a1 = base[t + 1];
      int a2 = base[t + 2];
      int a3 = base[t + 3];
      int a4 = base[t + 4];
      int a5 = base[t + 5];
      int a6 = base[t + 6];
      int a7 = base[t + 7];
      float q0k = q[q0];
      float v0 = m[a0] * q0k;
      float v1 = m[a1] * q0k;
      float v2 = m[a2] * q0k;
      float v3 = m[a3] * q0k;
      float v4 = m[a4] * q0k;
      float v5 = m[a5] * q0k;
      float v6 = m[a6] * q0k;
      float v7 = m[a7] * q0k;
      for (int k = 1; k < cols; k++) {
        float qk = q[q0 + k];
        v0 = Math.fma(m[a0 + k], qk, v0);
        v1 = Math.fma(m[a1 + k], qk, v1);
        v2 = Math.fma(m[a2 + k], qk, v2);
        v3 = Math.fma(m[a3 + k], qk, v3);
        v4 = Math.fma(m[a4 + k], qk, v4);
        v5 = Math.fma(m[a5 + k], qk, v5);
        v6 = Math.fma(m[a6 + k], qk, v6);
        v7 = Math.fma(m[a7 + k], qk, v7);
      }
      out[o0 + t] = v0;
      out[o0 + t + 1] = v1;
      out[o0 + t + 2] = v2;
      out[o0 + t + 3] = v3;
      out[o0 + t + 4] = v4;
      out[o0 + t + 5] = v5;
      out[o0 + t + 6] = v6;
      out[o0 + t + 7] = v7;
    }
    for (; t < rows; t++) {
      int a = base[t];
      float v = m[a] * q[q0];
      for (int k = 1; k < cols; k++) {
        v = Math.fma(m[a + k], q[q0 + k], v);
      }
      out[o0 + t] = v;
    }
  }

  /**
   * H {@code [batch, tokens, dim]} in a workspace array: each real row copied once from the
   * table, then the sentence's query part in its first padded row, then zeros.
   */
  private INDArray gather(float[] table, int[] rowIndex, int[] lengths, float[] queries,
      int batch, int tokens, int dim) {
    INDArray a = Nd4j.createUninitialized(DataType.FLOAT, batch, tokens, dim);
    FloatBuffer buffer = a.data().asNioFloat();
    if (zeros.length < tokens * dim) {
      zeros = new float[tokens * dim];
    }
    for (int b = 0; b < batch; b++) {
      int row0 = b * tokens;
      int len = lengths[b];
      for (int t = 0; t < len; t++) {
        buffer.put((row0 + t) * dim, table, rowIndex[row0 + t] * dim, dim);
      }
      if (len < tokens) {
        buffer.put((row0 + len) * dim, queries, b * dim, dim);
        // The other padded rows must be finite: the matmul multiplies them all the same (their
        // products are never read, but leftover memory could hold NaNs or slow subnormals).
        buffer.put((row0 + len + 1) * dim, zeros, 0, (tokens - len - 1) * dim);
      }
    }
    return a;
  }

  @Override
  public void close() {
    if (kernel != null) {
      return; // no workspace, and ND4J may not have been started in this JVM
    }
    Nd4j.getWorkspaceManager().destroyWorkspace(
        Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread(WORKSPACE, workspaceId));
  }
}
