package io.attnsum.bench;

import io.attnsum.encode.Nd4jWorkspaces;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The attention stage's math with ND4J ops issued once per sentence (a loop over the batch), on
 * each sentence's real length: what the code looks like before batching. Uses the same kind of
 * reused workspace as {@link io.attnsum.attention.BatchedSelfAttention}, so the difference the
 * benchmark shows is op count and matrix size, not allocation. Not thread-safe.
 */
final class PerSentenceAttention implements AutoCloseable {
  private static final WorkspaceConfiguration WORKSPACE = Nd4jWorkspaces.REUSED;

  private final String workspaceId = "bench-per-sentence-" + System.identityHashCode(this);

  void attendAndPool(AttentionWorkload w, float[] pooled, float[] alpha) {
    int dim = w.dim;
    double scale = 1.0 / Math.sqrt(dim);
    try (MemoryWorkspace ws =
        Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, workspaceId)) {
      for (int b = 0; b < w.batch; b++) {
        int n = w.lengths[b];
        INDArray h = upload(w.h, b * w.tokens * dim, n, dim); // [n, d]
        INDArray q = upload(w.queries, b * dim, dim, 1); // [d, 1]
        INDArray bias = upload(w.bias, b * w.tokens, n, 1); // [n, 1]
        INDArray scores = Nd4j.matmul(h, h, false, true, false); // [n, n] = H Hᵀ
        scores.muli(scale);
        Nd4j.exec(new SoftMax(scores, scores, 1)); // over keys
        INDArray attended = Nd4j.matmul(scores, h); // [n, d] = A H
        INDArray logits = Nd4j.matmul(attended, q); // [n, 1]
        logits.muli(w.poolScale);
        logits.addi(bias);
        Nd4j.exec(new SoftMax(logits, logits, 0)); // over tokens: α
        INDArray out = Nd4j.matmul(logits, attended, true, false, false); // [1, d] = αᵀ A H
        out.data().asNioFloat().get(pooled, b * dim, dim);
        logits.data().asNioFloat().get(alpha, b * w.tokens, n);
      }
    }
  }

  /** Copies {@code rows × cols} floats of {@code host} from {@code offset} into the workspace. */
  private static INDArray upload(float[] host, int offset, int rows, int cols) {
    INDArray a = Nd4j.createUninitialized(DataType.FLOAT, rows, cols);
    a.data().asNioFloat().put(host, offset, rows * cols);
    return a;
  }

  @Override
  public void close() {
    Nd4j.getWorkspaceManager()
        .destroyWorkspace(
            Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread(WORKSPACE, workspaceId));
  }
}
