package io.attnsum.encode;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * The per-token parts of a BERT layer as Java loops: bias adds, the heads' split and merge, GELU,
 * residual and LayerNorm, each fused into one pass over the ND4J buffers that the matrix products
 * read and write. ND4J runs the same steps as several ops, each a pass over the whole block (its
 * erf alone cost as much as the matrix product before it).
 *
 * <p>Every loop works on one row at a time, copied into a small scratch array: HotSpot vectorises
 * a loop over arrays indexed alike ({@code row[c] + bias[c]}) but not one that mixes offsets into
 * arrays it cannot prove distinct ({@code x[o + c] + bias[c]}), and the bulk copies between the
 * native buffers and the scratch rows are memory copies. Row-wise, every output row depends only
 * on its own input row, never on the other sentences of a batch.
 */
final class LayerKernels {
  private static final float INV_SQRT2 = (float) (1 / Math.sqrt(2));
  /** erf(4) rounds to 1 in float32 (1 − erf(4) ≈ 1.5e-8): the approximation's range is [−4, 4]. */
  private static final float ERF_CLAMP = 4f;
  // erf(u) ≈ u·P(u²)/Q(u²) on [−4, 4]: the rational form Cody (1969, "Rational Chebyshev
  // approximations for the error function", Math. Comp. 23) uses near 0, here with coefficients
  // fitted over the whole range for this file (weighted least squares): max |error| 3.5e-7
  // evaluated in float32, a few ulp of 1. No branch and no exp, so the loops vectorise.
  private static final float P0 = 1.128378987e+00f;
  private static final float P1 = 1.968105733e-01f;
  private static final float P2 = 5.354227498e-02f;
  private static final float P3 = 4.027632531e-03f;
  private static final float P4 = 2.885626745e-04f;
  private static final float P5 = 1.970441872e-06f;
  private static final float Q1 = 5.077499151e-01f;
  private static final float Q2 = 1.167089790e-01f;
  private static final float Q3 = 1.549277920e-02f;
  private static final float Q4 = 1.222123043e-03f;
  private static final float Q5 = 3.746227230e-05f;

  private LayerKernels() {}

  /** The error function in float32 (max absolute error 3.5e-7). */
  static float erf(float x) {
    float u = Math.min(Math.max(x, -ERF_CLAMP), ERF_CLAMP);
    float z = u * u;
    float p = ((((P5 * z + P4) * z + P3) * z + P2) * z + P1) * z + P0;
    float q = ((((Q5 * z + Q4) * z + Q3) * z + Q2) * z + Q1) * z + 1f;
    return u * p / q;
  }

  /**
   * {@code x[r, c] = gelu(x[r, c] + bias[c])} with BERT's exact GELU, x·½(1 + erf(x/√2))
   * (Hendrycks & Gimpel 2016, "Gaussian Error Linear Units").
   *
   * @param x {@code [rows, cols]} row-major, in place
   * @param row scratch of at least {@code cols}
   */
  static void biasGelu(FloatBuffer x, int rows, int cols, float[] bias, float[] row) {
    for (int r = 0; r < rows; r++) {
      x.get(r * cols, row, 0, cols);
      for (int c = 0; c < cols; c++) {
        float v = row[c] + bias[c];
        // erf inlined: the loop body stays one expression that HotSpot vectorises
        float u = Math.min(Math.max(v * INV_SQRT2, -ERF_CLAMP), ERF_CLAMP);
        float z = u * u;
        float p = ((((P5 * z + P4) * z + P3) * z + P2) * z + P1) * z + P0;
        float q = ((((Q5 * z + Q4) * z + Q3) * z + Q2) * z + Q1) * z + 1f;
        row[c] = 0.5f * v * (1f + u * p / q);
      }
      x.put(r * cols, row, 0, cols);
    }
  }

  /**
   * A sublayer's output, BERT's post-LN: {@code x = LayerNorm(x + (y + bias))} row by row.
   *
   * @param y the sublayer's matrix product {@code [rows, cols]}
   * @param x the residual stream {@code [rows, cols]}, overwritten with the result
   * @param rowY scratch of at least {@code cols}
   * @param rowX scratch of at least {@code cols}
   */
  static void biasResidualNorm(FloatBuffer y, FloatBuffer x, int rows, int cols, float[] bias,
      float[] gamma, float[] beta, float eps, float[] rowY, float[] rowX) {
    for (int r = 0; r < rows; r++) {
      y.get(r * cols, rowY, 0, cols);
      x.get(r * cols, rowX, 0, cols);
      for (int c = 0; c < cols; c++) {
        rowX[c] = (rowY[c] + bias[c]) + rowX[c];
      }
      normalize(rowX, cols, gamma, beta, eps);
      x.put(r * cols, rowX, 0, cols);
    }
  }

  /**
   * The embeddings of packed sentences: {@code x[offsets[s] + t] = LayerNorm(x[offsets[s] + t] +
   * positionType[t])} for each sentence s and each of its positions t.
   *
   * @param x the gathered word embeddings {@code [tokens, cols]}, in place
   * @param positionType position t's embedding plus token type 0's, {@code [maxPositions, cols]}
   * @param row scratch of at least {@code cols}
   * @param position scratch of at least {@code cols}
   */
  static void embeddingNorm(FloatBuffer x, int[] lengths, int[] offsets, int cols,
      float[] positionType, float[] gamma, float[] beta, float eps, float[] row,
      float[] position) {
    for (int s = 0; s < lengths.length; s++) {
      for (int t = 0; t < lengths[s]; t++) {
        System.arraycopy(positionType, t * cols, position, 0, cols);
        int o = (offsets[s] + t) * cols;
        x.get(o, row, 0, cols);
        for (int c = 0; c < cols; c++) {
          row[c] += position[c];
        }
        normalize(row, cols, gamma, beta, eps);
        x.put(o, row, 0, cols);
      }
    }
  }

  /**
   * LayerNorm of one row (Ba et al. 2016, "Layer Normalization"): {@code (v − mean) / sqrt(var
   * + eps) · gamma + beta}, biased variance, both moments accumulated in double.
   */
  static void normalize(float[] v, int cols, float[] gamma, float[] beta, float eps) {
    double s0 = 0;
    double s1 = 0;
    int c = 0;
    // Two accumulators halve the add chain's latency; the order is fixed, so results are too.
    for (; c + 1 < cols; c += 2) {
      s0 += v[c];
      s1 += v[c + 1];
    }
    for (; c < cols; c++) {
      s0 += v[c];
    }
    float mean = (float) ((s0 + s1) / cols);
    s0 = 0;
    s1 = 0;
    for (c = 0; c + 1 < cols; c += 2) {
      float d0 = v[c] - mean;
      float d1 = v[c + 1] - mean;
      s0 += d0 * d0;
      s1 += d1 * d1;
    }
    for (; c < cols; c++) {
      float d = v[c] - mean;
      s0 += d * d;
    }
    float inv = (float) (1 / Math.sqrt((s0 + s1) / cols + eps));
    for (c = 0; c < cols; c++) {
      v[c] = (v[c] - mean) * inv * gamma[c] + beta[c];
    }
  }

  /**
   * Adds the fused query/key/value bias to the projections {@code [tokens, 3·hidden]} of packed
   * sentences {@code first .. first+count-1} and splits them by head into {@code q}, {@code k}
   * and {@code v}, each {@code [count, heads, length, headSize]}; a sentence's rows past its
   * length are zeros (finite: a padded value row is multiplied by a zero weight).
   *
   * @param row scratch of at least {@code 3·heads·headSize}
   */
  static void splitHeads(FloatBuffer qkv, float[] bias, int[] lengths, int[] offsets, int first,
      int count, int length, int heads, int headSize, FloatBuffer q, FloatBuffer k, FloatBuffer v,
      float[] row) {
    int hidden = heads * headSize;
    int width = 3 * hidden;
    for (int s = 0; s < count; s++) {
      int len = lengths[first + s];
      for (int t = 0; t < length; t++) {
        if (t < len) {
          qkv.get((offsets[first + s] + t) * width, row, 0, width);
          for (int c = 0; c < width; c++) {
            row[c] += bias[c];
          }
        } else {
          Arrays.fill(row, 0, width, 0f);
        }
        for (int h = 0; h < heads; h++) {
          int dst = ((s * heads + h) * length + t) * headSize;
          q.put(dst, row, h * headSize, headSize);
          k.put(dst, row, hidden + h * headSize, headSize);
          v.put(dst, row, 2 * hidden + h * headSize, headSize);
        }
      }
    }
  }

  /**
   * Softmax over each real query row's real keys of the scores {@code [count, heads, length,
   * length]}: padded keys get weight exactly 0, as an additive −∞ mask would give them, and padded
   * query rows (never read back) are set to 0.
   *
   * @param row scratch of at least {@code length}
   */
  static void maskedSoftmax(FloatBuffer scores, int[] lengths, int first, int count, int heads,
      int length, float[] row) {
    for (int s = 0; s < count; s++) {
      int len = lengths[first + s];
      for (int h = 0; h < heads; h++) {
        for (int i = 0; i < length; i++) {
          int o = ((s * heads + h) * length + i) * length;
          if (i < len) {
            scores.get(o, row, 0, len);
            float max = row[0];
            for (int j = 1; j < len; j++) {
              max = Math.max(max, row[j]);
            }
            float sum = 0;
            for (int j = 0; j < len; j++) {
              float e = (float) Math.exp(row[j] - max);
              row[j] = e;
              sum += e;
            }
            float inv = 1f / sum;
            for (int j = 0; j < len; j++) {
              row[j] *= inv;
            }
            Arrays.fill(row, len, length, 0f);
          } else {
            Arrays.fill(row, 0, length, 0f);
          }
          scores.put(o, row, 0, length);
        }
      }
    }
  }

  /**
   * The heads' outputs {@code [count, heads, length, headSize]} of packed sentences {@code first
   * .. first+count-1} side by side again, in their rows of {@code merged} {@code [tokens,
   * heads·headSize]}; padded positions are dropped.
   *
   * @param row scratch of at least {@code heads·headSize}
   */
  static void mergeHeads(FloatBuffer context, int[] lengths, int[] offsets, int first, int count,
      int length, int heads, int headSize, FloatBuffer merged, float[] row) {
    int hidden = heads * headSize;
    for (int s = 0; s < count; s++) {
      for (int t = 0; t < lengths[first + s]; t++) {
        for (int h = 0; h < heads; h++) {
          context.get(((s * heads + h) * length + t) * headSize, row, h * headSize, headSize);
        }
        merged.put((offsets[first + s] + t) * hidden, row, 0, hidden);
      }
    }
  }
}
