package io.attnsum.bench;

import java.util.Random;

/**
 * One padded attention batch as {@link io.attnsum.attention.AttentionPooler} builds it: {@code
 * batch} sentence windows of one length bucket (real lengths uniform in {@code tokens-3 ..
 * tokens}, since the pooler pads to multiples of 4), Gaussian token vectors (the scale of
 * normalised pretrained vectors), a pooling query and a log-prior bias per token. Deterministic
 * for a given shape, so every variant and every run measures the same numbers.
 */
public final class AttentionWorkload {
  /** Padding granularity of the pooler's length buckets. */
  static final int BUCKET = 4; // AttentionPooler.LENGTH_BUCKET

  final int batch;
  final int tokens;
  final int dim;
  /** Token vectors, row-major {@code [batch, tokens, dim]}; padded rows are 0. */
  final float[] h;
  /** Real tokens per sentence {@code [batch]}. */
  final int[] lengths;
  /** Pooling query per sentence {@code [batch, dim]}. */
  final float[] queries;
  /** Pooling-logit bias {@code [batch, tokens]} (log prior); padding entries are scratch. */
  final float[] bias;
  /** What the pooler passes as pool scale: 1 / (√d · temperature), temperature 1. */
  final float poolScale;
  /** Each token's row in {@link #h}: H given to the attention as one block. */
  final int[] rows;
  /** No sentence shares: the queries are all of each pooling query. */
  final float[] noShares;

  public AttentionWorkload(int batch, int tokens, int dim, long seed) {
    if (tokens % BUCKET != 0 || tokens < BUCKET) {
      throw new IllegalArgumentException("tokens must be a positive multiple of " + BUCKET);
    }
    this.batch = batch;
    this.tokens = tokens;
    this.dim = dim;
    this.h = new float[batch * tokens * dim];
    this.lengths = new int[batch];
    this.queries = new float[batch * dim];
    this.bias = new float[batch * tokens];
    this.poolScale = (float) (1.0 / Math.sqrt(dim));
    this.rows = new int[batch * tokens];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = i;
    }
    this.noShares = new float[batch];
    Random random = new Random(seed ^ (batch * 31L + tokens) * 31L + dim);
    // Pretrained vectors have norms of a few units; N(0, 1/d) per coordinate keeps ‖h‖ ≈ 1 so
    // the softmax is neither flat nor one-hot, as with real vectors.
    double sd = 1.0 / Math.sqrt(dim);
    for (int b = 0; b < batch; b++) {
      int len = tokens - random.nextInt(BUCKET);
      lengths[b] = len;
      for (int t = 0; t < len; t++) {
        int base = (b * tokens + t) * dim;
        for (int j = 0; j < dim; j++) {
          h[base + j] = (float) (random.nextGaussian() * 3 * sd);
        }
        // log of a SIF weight a / (a + p), p Zipf-like in [1e-6, 1e-2], a = 1e-3
        double p = Math.pow(10, -6 + 4 * random.nextDouble());
        bias[b * tokens + t] = (float) Math.log(1e-3 / (1e-3 + p));
      }
      for (int j = 0; j < dim; j++) {
        queries[b * dim + j] = (float) (random.nextGaussian() * 3 * sd);
      }
    }
  }

  /** Sentences in the batch. */
  public int sentences() {
    return batch;
  }

  /** Useful floating-point operations of the batch: {@link #flops(int, int)} over real lengths. */
  public double flops() {
    double total = 0;
    for (int len : lengths) {
      total += flops(len, dim);
    }
    return total;
  }

  /**
   * Floating-point operations of attention and pooling for one sentence of {@code n} tokens of
   * dimension {@code d}, counting a multiply-add as 2 and exp as 1, on the real (unpadded) shape:
   * H·Hᵀ 2n²d, scaling n², softmax over keys 5n² (max, subtract, exp, sum, divide), A·H 2n²d,
   * pooling logits (AH)·q 2nd plus scale and bias 2n, their softmax 5n, and αᵀ(AH) 2nd.
   */
  public static double flops(int n, int d) {
    double nn = (double) n * n;
    return 4 * nn * d + 6 * nn + 4.0 * n * d + 7.0 * n;
  }
}
