package io.attnsum.bench;

/**
 * The attention stage's math as plain Java loops over one sentence at a time (no ND4J): the
 * baseline the batched ND4J code has to beat. Same steps as {@link
 * io.attnsum.attention.BatchedSelfAttention}: scores = H·Hᵀ/√d, row softmax, attended = A·H,
 * α = softmax(poolScale · attended·q + bias), pooled = αᵀ·attended, on real lengths only (so no
 * masking is needed). Single precision, like the ND4J paths. Not thread-safe (scratch buffers).
 */
final class LoopAttention {
  private float[] scores = new float[0];
  private float[] attended = new float[0];
  private float[] logits = new float[0];

  /** Pools every sentence of the batch into {@code pooled} {@code [batch, dim]}. */
  void attendAndPool(AttentionWorkload w, float[] pooled, float[] alpha) {
    int dim = w.dim;
    if (scores.length < w.tokens * w.tokens) {
      scores = new float[w.tokens * w.tokens];
      attended = new float[w.tokens * dim];
      logits = new float[w.tokens];
    }
    float scale = (float) (1.0 / Math.sqrt(dim));
    for (int b = 0; b < w.batch; b++) {
      int n = w.lengths[b];
      int hBase = b * w.tokens * dim;
      float[] h = w.h;
      // scores [n, n] = H Hᵀ / √d, then softmax per row (over keys)
      for (int i = 0; i < n; i++) {
        int hi = hBase + i * dim;
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
          int hj = hBase + j * dim;
          float s = 0f;
          for (int k = 0; k < dim; k++) {
            s += h[hi + k] * h[hj + k];
          }
          s *= scale;
          scores[i * n + j] = s;
          max = Math.max(max, s);
        }
        float sum = 0f;
        for (int j = 0; j < n; j++) {
          float e = (float) Math.exp(scores[i * n + j] - max);
          scores[i * n + j] = e;
          sum += e;
        }
        float inv = 1f / sum;
        for (int j = 0; j < n; j++) {
          scores[i * n + j] *= inv;
        }
      }
      // attended [n, d] = A H, as row axpys so the inner loop runs over contiguous d
      java.util.Arrays.fill(attended, 0, n * dim, 0f);
      for (int i = 0; i < n; i++) {
        int ai = i * dim;
        for (int j = 0; j < n; j++) {
          float a = scores[i * n + j];
          int hj = hBase + j * dim;
          for (int k = 0; k < dim; k++) {
            attended[ai + k] += a * h[hj + k];
          }
        }
      }
      // α [n] = softmax(poolScale · attended q + bias)
      int qBase = b * dim;
      float max = Float.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        float s = 0f;
        for (int k = 0; k < dim; k++) {
          s += attended[i * dim + k] * w.queries[qBase + k];
        }
        s = s * w.poolScale + w.bias[b * w.tokens + i];
        logits[i] = s;
        max = Math.max(max, s);
      }
      float sum = 0f;
      for (int i = 0; i < n; i++) {
        logits[i] = (float) Math.exp(logits[i] - max);
        sum += logits[i];
      }
      int out = b * dim;
      java.util.Arrays.fill(pooled, out, out + dim, 0f);
      for (int i = 0; i < n; i++) {
        float a = logits[i] / sum;
        alpha[b * w.tokens + i] = a;
        for (int k = 0; k < dim; k++) {
          pooled[out + k] += a * attended[i * dim + k];
        }
      }
    }
  }
}
