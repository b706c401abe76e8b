package io.attnsum.attention;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gram matrices X Xᵀ of many small row blocks (e.g. the sentence vectors of each document of a
 * chunk) by one batched ND4J matmul per padded block size, instead of a loop of dot products per
 * pair: blocks are padded with zero rows to a multiple of {@value #ROW_BUCKET} rows, a function of
 * the block alone, so a block's Gram matrix is computed with the same shape, and has the same bits,
 * whichever other blocks share its batch.
 *
 * <p>Computed in float64 (the float vectors widened in the workspace). Arrays live in a reused workspace as in {@link BatchedSelfAttention}; not thread-safe.
 */
public final class BatchedGram implements AutoCloseable {
  static final int ROW_BUCKET = 4;
  /** Blocks per matmul at most. */
  static final int MAX_BATCH = 128;
  /**
   * Elements of the largest array of a batch ({@code [b, padded, max(padded, dim)]}) at most, so
   * that the workspace stays near 100 MB however long the documents (text.max-sentences has no
   * upper bound): 128 blocks of 28 sentences at d = 300, 69 of 200, one of 2,000.
   */
  static final long MAX_BATCH_ELEMENTS = 1L << 22;

  private final String workspaceId = "attnsum-gram-" + System.identityHashCode(this);
  private final VectorKernel kernel; // null: ND4J's batched matmul
  private double[] host = new double[0];
  private float[] zeros = new float[0];

  /**
   * @param kernel {@link AttentionKernel#JAVA_VECTOR}: each block's Gram matrix by the Java
   *     kernel in float64, one block at a time (no padding, no batch); {@link AttentionKernel#ND4J}:
   *     batched ND4J matmuls
   */
  public BatchedGram(AttentionKernel kernel) {
    this.kernel = kernel.newJavaKernel();
  }

  /**
   * @param blocks row-major {@code [rows[i], dim]} each (longer arrays are fine: only the first
   *     {@code rows[i] · dim} floats are read)
   * @return {@code [rows[i], rows[i]]} row-major each; empty for a block without rows
   */
  public double[][] grams(float[][] blocks, int[] rows, int dim) {
    int count = blocks.length;
    double[][] out = new double[count][];
    if (kernel != null) {
      for (int i = 0; i < count; i++) {
        out[i] = kernel.gram64(blocks[i], rows[i], dim);
      }
      return out;
    }
    // Blocks in order of padded size (then index: a deterministic order), batched per size.
    long[] keyed = new long[count];
    for (int i = 0; i < count; i++) {
      keyed[i] = ((long) padded(rows[i]) << 32) | i;
    }
    Arrays.sort(keyed);
    int s = 0;
    while (s < count) {
      int padded = (int) (keyed[s] >>> 32);
      int most = blocksPerBatch(padded, dim);
      int e = s;
      while (e < count && e - s < most && (int) (keyed[e] >>> 32) == padded) {
        e++;
      }
      if (padded == 0) {
        for (int k = s; k < e; k++) {
          out[(int) keyed[k]] = new double[0];
        }
      } else {
        batch(blocks, rows, dim, keyed, s, e, padded, out);
      }
      s = e;
    }
    return out;
  }

  private void batch(float[][] blocks, int[] rows, int dim, long[] keyed, int s, int e,
      int padded, double[][] out) {
    int b = e - s;
    int square = padded * padded;
    if (host.length < b * square) {
      host = new double[b * square];
    }
    if (zeros.length < padded * dim) {
      zeros = new float[padded * dim];
    }
    try (MemoryWorkspace ws = Nd4j.getWorkspaceManager()
        .getAndActivateWorkspace(BatchedSelfAttention.WORKSPACE, workspaceId)) {
      INDArray x = Nd4j.createUninitialized(DataType.FLOAT, b, padded, dim);
      FloatBuffer buffer = x.data().asNioFloat();
      for (int slot = 0; slot < b; slot++) {
        int i = (int) keyed[s + slot];
        int n = rows[i];
        buffer.put(slot * padded * dim, blocks[i], 0, n * dim);
        buffer.put((slot * padded + n) * dim, zeros, 0, (padded - n) * dim);
      }
      // float64 products: exact for float inputs, and the sums keep a cosine near 0 accurate
      // (a float sum's rounding can flip its sign, and the ranker takes log max(0, cos))
      INDArray xd = x.castTo(DataType.DOUBLE);
      INDArray g = Nd4j.matmul(xd, xd, false, true, false); // [b, padded, padded]
      g.data().asNioDouble().get(host, 0, b * square);
    }
    for (int slot = 0; slot < b; slot++) {
      int i = (int) keyed[s + slot];
      int n = rows[i];
      double[] gram = new double[n * n];
      for (int r = 0; r < n; r++) {
        System.arraycopy(host, slot * square + r * padded, gram, r * n, n);
      }
      out[i] = gram;
    }
  }

  /** How many blocks of {@code padded} rows one matmul takes (at least one). */
  static int blocksPerBatch(int padded, int dim) {
    long perBlock = (long) Math.max(1, padded) * Math.max(padded, dim);
    return (int) Math.max(1, Math.min(MAX_BATCH, MAX_BATCH_ELEMENTS / perBlock));
  }

  static int padded(int rows) {
    return (rows + ROW_BUCKET - 1) / ROW_BUCKET * ROW_BUCKET;
  }

  @Override
  public void close() {
    if (kernel != null) {
      return; // no workspace
    }
    Nd4j.getWorkspaceManager().destroyWorkspace(Nd4j.getWorkspaceManager()
        .getWorkspaceForCurrentThread(BatchedSelfAttention.WORKSPACE, workspaceId));
  }
}
