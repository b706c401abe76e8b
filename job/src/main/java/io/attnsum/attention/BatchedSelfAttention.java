package io.attnsum.attention;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Scaled dot-product self-attention (Vaswani et al. 2017, "Attention Is All You Need", eq. 1,
 * with Q = K = V = H) followed by query-vector attention pooling, over one padded batch of many
 * sentences at once: the attention steps are single batched ND4J ops, never one op per sentence;
 * the two pooling products, which are matrix-vector products per sentence, run as Java loops over
 * the batch (see {@link #logitsOf}).
 *
 * <p>Masking: padded keys get a −1e9 bias before the softmax, so their attention weight is
 * exactly 0 (exp underflows) and padding is invisible to real queries. Padded query rows still
 * produce (finite) attended vectors; they are excluded from pooling by the same −1e9 bias on the
 * pooling logits, so their α is exactly 0. ND4J's own {@code DotProductAttention} masks keys
 * only, which is why the query side is handled here.
 *
 * <p>All ND4J arrays of a batch live in one thread-local workspace that is reused batch after
 * batch (its size is learnt on the first batch and grows only when a larger batch comes), so the
 * hot loop allocates no native memory; {@link #close()} releases it. Not thread-safe: one
 * instance per thread.
 */
public final class BatchedSelfAttention implements AutoCloseable {
  static final float MASKED = -1e9f;

  private static final WorkspaceConfiguration WORKSPACE =
      WorkspaceConfiguration.builder()
          .policyAllocation(AllocationPolicy.OVERALLOCATE)
          .overallocationLimit(0.2)
          .policyLearning(LearningPolicy.FIRST_LOOP)
          .policySpill(SpillPolicy.REALLOCATE)
          .build();

  private final String workspaceId = "attnsum-attention-" + System.identityHashCode(this);
  private float[] keyBias = new float[0];
  private float[] hostAttended = new float[0];

  /**
   * Attends and pools one batch.
   *
   * @param h token vectors, row-major {@code [batch, tokens, dim]}; padded rows may hold anything
   * @param lengths real tokens per sentence {@code [batch]}, each in 1..tokens
   * @param queries pooling query per sentence, row-major {@code [batch, dim]}
   * @param poolBias additive pooling-logit bias {@code [batch, tokens]} (e.g. log prior); only
   *     the first {@code lengths[b]} entries of a row are read
   * @param poolScale multiplies {@code q·attended} before the bias is added
   * @param pooled out: pooled sentence vectors {@code [batch, dim]}
   * @param alpha out: pooling weights {@code [batch, tokens]}, exactly 0 on padding
   */
  public void attendAndPool(
      float[] h,
      int[] lengths,
      float[] queries,
      float[] poolBias,
      float poolScale,
      int batch,
      int tokens,
      int dim,
      float[] pooled,
      float[] alpha) {
    int bt = batch * tokens;
    if (keyBias.length < bt) {
      keyBias = new float[bt];
    }
    // The pooling bias doubles as the query mask: overwrite padded positions in place (the
    // caller's padding slots are scratch by contract).
    for (int b = 0; b < batch; b++) {
      int len = lengths[b];
      if (len < 1 || len > tokens) {
        throw new IllegalArgumentException("length " + len + " outside 1.." + tokens);
      }
      int row = b * tokens;
      java.util.Arrays.fill(keyBias, row, row + len, 0f);
      java.util.Arrays.fill(keyBias, row + len, row + tokens, MASKED);
      java.util.Arrays.fill(poolBias, row + len, row + tokens, MASKED);
    }
    try (MemoryWorkspace ws =
        Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, workspaceId)) {
      INDArray hs = upload(h, batch, tokens, dim); // [B, T, d]
      INDArray keys = upload(keyBias, batch, 1, tokens); // [B, 1, T], broadcast over queries

      INDArray scores = Nd4j.matmul(hs, hs, false, true, false); // [B, T, T] = H Hᵀ
      scores.muli(1.0 / Math.sqrt(dim));
      Nd4j.exec(new AddOp(new INDArray[] {scores, keys}, new INDArray[] {scores}));
      Nd4j.exec(new SoftMax(scores, scores, 2)); // over keys
      INDArray attended = Nd4j.matmul(scores, hs); // [B, T, d] = A H

      // Pooling: two matrix-vector products per sentence. ND4J hands each batch element to BLAS
      // separately, and for these shapes OpenBLAS spends its time packing the [T, d] operand,
      // not multiplying (a quarter of the summarize stage in a JFR/perf profile). In Java they
      // are a copy of A·H plus 2·T·d multiply-adds; computed in the order OpenBLAS's gemv/gemm
      // kernels use (see logitsOf), the results are the same floats bit for bit.
      int btd = bt * dim;
      if (hostAttended.length < btd) {
        hostAttended = new float[btd];
      }
      attended.data().asNioFloat().get(hostAttended, 0, btd);
      for (int b = 0; b < batch; b++) {
        // logits = (A H) q · poolScale + bias  [T]
        logitsOf(hostAttended, b * tokens, tokens, dim, queries, b * dim, poolScale, poolBias, alpha);
      }
      INDArray logits = upload(alpha, batch, tokens, 1); // [B, T, 1]; alpha held the logits
      Nd4j.exec(new SoftMax(logits, logits, 1)); // over tokens: α
      logits.data().asNioFloat().get(alpha, 0, bt);
      for (int b = 0; b < batch; b++) {
        pool(hostAttended, b * tokens, tokens, dim, alpha, pooled, b * dim); // αᵀ A H  [d]
      }
    }
  }

  /**
   * {@code out[t] = (Σ_k att[t, k] · q[k]) · scale + bias[t]} for the T rows of one sentence, in
   * float. Each dot product is one sequential chain, the first product rounded and every later
   * term fused (Math.fma), which is how OpenBLAS's gemv/gemm kernels accumulate a single output
   * on FMA CPUs, so this gives the floats ND4J's {@code matmul} gave: checked bit for bit on the
   * benchmark machine (job/BENCHMARKS.md); BatchedSelfAttentionTest asserts closeness only, as
   * BLAS kernels differ between CPUs (this Java code does not: {@code Math.fma} is exact).
   * Eight rows at a time (padded lengths are multiples of 8), so that eight independent chains
   * hide the FMA latency.
   */
  static void logitsOf(
      float[] att, int row0, int tokens, int dim, float[] q, int q0, float scale, float[] bias,
      float[] out) {
    int t = 0;
    for (; t + 8 <= tokens; t += 8) {
      int a = (row0 + t) * dim;
      float q0k = q[q0];
      float v0 = att[a] * q0k;
      float v1 = att[a + dim] * q0k;
      float v2 = att[a + 2 * dim] * q0k;
      float v3 = att[a + 3 * dim] * q0k;
      float v4 = att[a + 4 * dim] * q0k;
      float v5 = att[a + 5 * dim] * q0k;
      float v6 = att[a + 6 * dim] * q0k;
      float v7 = att[a + 7 * dim] * q0k;
      for (int k = 1; k < dim; k++) {
        float qk = q[q0 + k];
        int i = a + k;
        v0 = Math.fma(att[i], qk, v0);
        v1 = Math.fma(att[i + dim], qk, v1);
        v2 = Math.fma(att[i + 2 * dim], qk, v2);
        v3 = Math.fma(att[i + 3 * dim], qk, v3);
        v4 = Math.fma(att[i + 4 * dim], qk, v4);
        v5 = Math.fma(att[i + 5 * dim], qk, v5);
        v6 = Math.fma(att[i + 6 * dim], qk, v6);
        v7 = Math.fma(att[i + 7 * dim], qk, v7);
      }
      int o = row0 + t;
      out[o] = v0 * scale + bias[o];
      out[o + 1] = v1 * scale + bias[o + 1];
      out[o + 2] = v2 * scale + bias[o + 2];
      out[o + 3] = v3 * scale + bias[o + 3];
      out[o + 4] = v4 * scale + bias[o + 4];
      out[o + 5] = v5 * scale + bias[o + 5];
      out[o + 6] = v6 * scale + bias[o + 6];
      out[o + 7] = v7 * scale + bias[o + 7];
    }
    for (; t < tokens; t++) {
      int a = (row0 + t) * dim;
      float v = att[a] * q[q0];
      for (int k = 1; k < dim; k++) {
        v = Math.fma(att[a + k], q[q0 + k], v);
      }
      out[row0 + t] = v * scale + bias[row0 + t];
    }
  }

  /**
   * {@code out[k] = Σ_t alpha[t] · att[t, k]} for one sentence: per output one sequential chain
   * over t, first product rounded, later terms fused, as OpenBLAS computes αᵀ·(A H) (see {@link
   * #logitsOf}). Padded rows have α = 0 exactly and are summed like ND4J does, so even the sign of
   * a zero matches. The inner loop runs over k, so the JIT vectorises it.
   */
  static void pool(float[] att, int row0, int tokens, int dim, float[] alpha, float[] out, int out0) {
    float a = alpha[row0];
    int base = row0 * dim;
    for (int k = 0; k < dim; k++) {
      out[out0 + k] = a * att[base + k];
    }
    for (int t = 1; t < tokens; t++) {
      a = alpha[row0 + t];
      base = (row0 + t) * dim;
      for (int k = 0; k < dim; k++) {
        out[out0 + k] = Math.fma(a, att[base + k], out[out0 + k]);
      }
    }
  }

  /** Copies the first {@code shape} product floats of {@code host} into a workspace array. */
  private static INDArray upload(float[] host, long... shape) {
    INDArray a = Nd4j.createUninitialized(DataType.FLOAT, shape);
    long n = a.length();
    a.data().asNioFloat().put(host, 0, (int) n);
    return a;
  }

  @Override
  public void close() {
    Nd4j.getWorkspaceManager().destroyWorkspace(
        Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread(WORKSPACE, workspaceId));
  }
}
