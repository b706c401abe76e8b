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
 * sentences at once: every step is a single batched ND4J op, never one op per sentence.
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
      INDArray q = upload(queries, batch, dim, 1); // [B, d, 1]
      INDArray bias = upload(poolBias, batch, tokens, 1); // [B, T, 1]

      INDArray scores = Nd4j.matmul(hs, hs, false, true, false); // [B, T, T] = H Hᵀ
      scores.muli(1.0 / Math.sqrt(dim));
      Nd4j.exec(new AddOp(new INDArray[] {scores, keys}, new INDArray[] {scores}));
      Nd4j.exec(new SoftMax(scores, scores, 2)); // over keys
      INDArray attended = Nd4j.matmul(scores, hs); // [B, T, d] = A H

      INDArray logits = Nd4j.matmul(attended, q); // [B, T, 1]
      logits.muli(poolScale);
      logits.addi(bias);
      Nd4j.exec(new SoftMax(logits, logits, 1)); // over tokens: α
      INDArray out = Nd4j.matmul(logits, attended, true, false, false); // [B, 1, d] = αᵀ A H

      out.data().asNioFloat().get(pooled, 0, batch * dim);
      logits.data().asNioFloat().get(alpha, 0, bt);
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
