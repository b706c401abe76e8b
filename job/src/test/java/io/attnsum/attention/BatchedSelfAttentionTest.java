package io.attnsum.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BatchedSelfAttentionTest {

  /** Plain float64 attention + pooling of one unpadded sentence: {pooled [d], alpha [len]}. */
  static double[][] reference(float[] h, int len, int dim, float[] q, float[] bias, double scale) {
    double[][] a = new double[len][len];
    for (int i = 0; i < len; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < len; j++) {
        double dot = 0;
        for (int k = 0; k < dim; k++) {
          dot += (double) h[i * dim + k] * h[j * dim + k];
        }
        a[i][j] = dot / Math.sqrt(dim);
        max = Math.max(max, a[i][j]);
      }
      double sum = 0;
      for (int j = 0; j < len; j++) {
        a[i][j] = Math.exp(a[i][j] - max);
        sum += a[i][j];
      }
      for (int j = 0; j < len; j++) {
        a[i][j] /= sum;
      }
    }
    double[][] attended = new double[len][dim];
    for (int i = 0; i < len; i++) {
      for (int j = 0; j < len; j++) {
        for (int k = 0; k < dim; k++) {
          attended[i][k] += a[i][j] * h[j * dim + k];
        }
      }
    }
    double[] logits = new double[len];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < len; i++) {
      double dot = 0;
      for (int k = 0; k < dim; k++) {
        dot += attended[i][k] * q[k];
      }
      logits[i] = dot * scale + bias[i];
      max = Math.max(max, logits[i]);
    }
    double sum = 0;
    for (int i = 0; i < len; i++) {
      logits[i] = Math.exp(logits[i] - max);
      sum += logits[i];
    }
    double[] pooled = new double[dim];
    for (int i = 0; i < len; i++) {
      logits[i] /= sum;
      for (int k = 0; k < dim; k++) {
        pooled[k] += logits[i] * attended[i][k];
      }
    }
    return new double[][] {pooled, logits};
  }

  @ParameterizedTest
  @EnumSource(value = AttentionKernel.class, names = {"ND4J", "JAVA_VECTOR"})
  void paddedBatchMatchesFloat64ReferenceAndPaddingIsInvisible(AttentionKernel kernel) {
    Random random = new Random(42);
    int dim = 12;
    int batch = 7;
    int tokens = 16;
    int[] lengths = {1, 16, 5, 9, 2, 16, 13};
    float[] h = new float[batch * tokens * dim];
    float[] q = new float[batch * dim];
    float[] bias = new float[batch * tokens];
    for (int i = 0; i < h.length; i++) {
      // padded rows get large garbage on purpose: masks must make it irrelevant
      h[i] = (float) random.nextGaussian() * ((i / dim) % tokens < lengths[i / dim / tokens] ? 1 : 50);
    }
    for (int i = 0; i < q.length; i++) {
      q[i] = (float) random.nextGaussian();
    }
    for (int i = 0; i < bias.length; i++) {
      bias[i] = (float) Math.log(0.05 + random.nextDouble());
    }
    float[] pooled = new float[batch * dim];
    float[] alpha = new float[batch * tokens];
    float[] biasCopy = bias.clone();
    try (BatchedSelfAttention attention = new BatchedSelfAttention(kernel)) {
      attendAndPoolBlock(attention, h, lengths, q, biasCopy, 0.7f, batch, tokens, dim, pooled, alpha);
    }
    for (int b = 0; b < batch; b++) {
      float[] qb = java.util.Arrays.copyOfRange(q, b * dim, (b + 1) * dim);
      assertSlotMatchesReference(h, bias, lengths[b], b, tokens, dim, qb, pooled, alpha, 1e-6);
    }
  }

  /** Slot b's pooled vector and α against the float64 reference with query qb; padding α = 0. */
  private static void assertSlotMatchesReference(float[] h, float[] bias, int len, int b,
      int tokens, int dim, float[] qb, float[] pooled, float[] alpha, double alphaTolerance) {
    float[] hb = java.util.Arrays.copyOfRange(h, b * tokens * dim, (b * tokens + len) * dim);
    float[] biasB = java.util.Arrays.copyOfRange(bias, b * tokens, b * tokens + len);
    double[][] ref = reference(hb, len, dim, qb, biasB, 0.7);
    for (int k = 0; k < dim; k++) {
      assertThat((double) pooled[b * dim + k]).isCloseTo(ref[0][k], within(1e-5));
    }
    for (int t = 0; t < tokens; t++) {
      double expected = t < len ? ref[1][t] : 0.0;
      assertThat((double) alpha[b * tokens + t]).isCloseTo(expected, within(alphaTolerance));
    }
    for (int t = len; t < tokens; t++) {
      assertThat(alpha[b * tokens + t]).isEqualTo(0f); // exactly zero, not just small
    }
  }

  /**
   * The query-part form: q given as c plus a share of the sentence's own vectors (H c read off
   * H Hᵀ through c in a padded row, the share applied as row sums of H Hᵀ) must pool exactly as
   * the explicit query q = c + s · Σ_u h_u does in the float64 reference, for slots with a share
   * and slots without (share 0: c is all of q), for a slot without a padded row (length 16 of
   * 16: H c from row dots), with garbage in the padding.
   */
  @ParameterizedTest
  @EnumSource(value = AttentionKernel.class, names = {"ND4J", "JAVA_VECTOR"})
  void queryPartsWithSentenceSharesMatchTheExplicitQueryInFloat64(AttentionKernel kernel) {
    Random random = new Random(5);
    int dim = 10;
    int batch = 5;
    int tokens = 16;
    int[] lengths = {3, 16, 1, 9, 12};
    float[] shares = {0.5f / 3, 0.5f / 16, 0f, 0.25f / 9, 0.5f / 12};
    float[] h = new float[batch * tokens * dim];
    for (int i = 0; i < h.length; i++) {
      h[i] = (float) random.nextGaussian() * ((i / dim) % tokens < lengths[i / dim / tokens] ? 1 : 50);
    }
    float[] c = new float[batch * dim];
    for (int i = 0; i < c.length; i++) {
      c[i] = (float) random.nextGaussian();
    }
    float[] bias = new float[batch * tokens];
    for (int i = 0; i < bias.length; i++) {
      bias[i] = (float) Math.log(0.05 + random.nextDouble());
    }
    float[] pooled = new float[batch * dim];
    float[] alpha = new float[batch * tokens];
    try (BatchedSelfAttention attention = new BatchedSelfAttention(kernel)) {
      attention.attendAndPool(h, identity(batch * tokens), lengths, null, c, shares, bias.clone(), 0.7f,
          batch, tokens, dim, pooled, alpha);
    }
    for (int b = 0; b < batch; b++) {
      float[] qb = new float[dim];
      for (int k = 0; k < dim; k++) {
        double sum = 0;
        for (int u = 0; u < lengths[b]; u++) {
          sum += h[(b * tokens + u) * dim + k];
        }
        qb[k] = (float) (c[b * dim + k] + shares[b] * sum);
      }
      assertSlotMatchesReference(h, bias, lengths[b], b, tokens, dim, qb, pooled, alpha, 2e-6);
    }
  }

  @ParameterizedTest
  @EnumSource(value = AttentionKernel.class, names = {"ND4J", "JAVA_VECTOR"})
  void aSentenceAloneEqualsItselfInsideALargerPaddedBatch(AttentionKernel kernel) {
    Random random = new Random(7);
    int dim = 8;
    int len = 5;
    float[] sentence = new float[len * dim];
    for (int i = 0; i < sentence.length; i++) {
      sentence[i] = (float) random.nextGaussian();
    }
    float[] q = {1, -1, 0.5f, 0, 2, 0, -0.5f, 1};
    float[] bias = {0, -1, -2, 0.5f, 0};
    float[] alone = new float[dim];
    float[] alphaAlone = new float[len];
    float[] inBatch = new float[3 * dim];
    float[] alphaBatch = new float[3 * 9];
    try (BatchedSelfAttention attention = new BatchedSelfAttention(kernel)) {
      attendAndPoolBlock(attention, sentence, new int[] {len}, q, bias.clone(), 1f, 1, len, dim,
          alone, alphaAlone);
      // same sentence in slot 1 of a batch padded to 9 tokens, between random neighbours
      int tokens = 9;
      float[] h = new float[3 * tokens * dim];
      for (int i = 0; i < h.length; i++) {
        h[i] = (float) random.nextGaussian();
      }
      System.arraycopy(sentence, 0, h, tokens * dim, len * dim);
      float[] qs = new float[3 * dim];
      System.arraycopy(q, 0, qs, dim, dim);
      float[] biases = new float[3 * tokens];
      System.arraycopy(bias, 0, biases, tokens, len);
      attendAndPoolBlock(attention, h, new int[] {9, len, 3}, qs, biases, 1f, 3, tokens, dim,
          inBatch, alphaBatch);
    }
    for (int k = 0; k < dim; k++) {
      assertThat(inBatch[dim + k]).isCloseTo(alone[k], within(1e-6f));
    }
    for (int t = 0; t < len; t++) {
      assertThat(alphaBatch[9 + t]).isCloseTo(alphaAlone[t], within(1e-6f));
    }
  }

  /**
   * H given as rows of a table by index (what the job passes: the word vectors and each token's
   * row) attends and pools to the same bits as the block those rows form, padding included.
   */
  @ParameterizedTest
  @EnumSource(value = AttentionKernel.class, names = {"ND4J", "JAVA_VECTOR"})
  void tableRowsByIndexGiveTheSameBitsAsTheBlockTheyForm(AttentionKernel kernel) {
    Random random = new Random(5);
    int dim = 12;
    int tokens = 8;
    int batch = 5;
    int[] lengths = {8, 3, 1, 6, 5};
    float[] table = gaussian(random, 40 * dim);
    int[] index = new int[batch * tokens];
    float[] h = new float[batch * tokens * dim];
    for (int b = 0; b < batch; b++) {
      for (int t = 0; t < tokens; t++) {
        // padded entries point nowhere valid and padded block rows hold garbage: neither is read
        int row = t < lengths[b] ? random.nextInt(40) : -1;
        index[b * tokens + t] = row;
        for (int k = 0; k < dim; k++) {
          h[(b * tokens + t) * dim + k] = row >= 0 ? table[row * dim + k] : 1e30f;
        }
      }
    }
    float[] queries = gaussian(random, batch * dim);
    float[] shares = {0f, 0.1f, 0.5f, 0f, 0.25f};
    float[] bias = gaussian(random, batch * tokens);
    float[] pooledBlock = new float[batch * dim];
    float[] alphaBlock = new float[batch * tokens];
    float[] pooledTable = new float[batch * dim];
    float[] alphaTable = new float[batch * tokens];
    try (BatchedSelfAttention attention = new BatchedSelfAttention(kernel)) {
      attention.attendAndPool(h, identity(batch * tokens), lengths, null, queries, shares, bias.clone(),
          0.7f, batch, tokens, dim, pooledBlock, alphaBlock);
      attention.attendAndPool(table, index, lengths, null, queries, shares, bias.clone(), 0.7f, batch,
          tokens, dim, pooledTable, alphaTable);
    }
    assertThat(pooledTable).containsExactly(pooledBlock);
    assertThat(alphaTable).containsExactly(alphaBlock);
    for (float v : pooledTable) {
      assertThat(Float.isFinite(v)).isTrue();
    }
  }

  /**
   * The vectorised weighted row sum is the same float as the plain in-place loop (one fused
   * multiply-add per term, rows in order) and close to float64, by index and contiguous.
   */
  @Test
  void weightedRowSumIsThePlainLoopsFloatAndCloseToFloat64() {
    Random random = new Random(13);
    int dim = 301;
    float[] m = gaussian(random, 50 * dim);
    float[] rowScratch = new float[dim];
    float[] sumScratch = new float[dim];
    for (int rows : new int[] {1, 2, 17, 50}) {
      float[] w = gaussian(random, rows);
      int[] index = new int[3 + rows];
      for (int j = 0; j < rows; j++) {
        index[3 + j] = random.nextInt(50);
      }
      float[] byIndex = new float[2 + dim];
      float[] contiguous = new float[dim];
      BatchedSelfAttention.weightedRowSum(m, index, 3, rows, dim, w, byIndex, 2, rowScratch,
          sumScratch);
      BatchedSelfAttention.weightedRowSum(m, null, 50 - rows, rows, dim, w, contiguous, 0,
          rowScratch, sumScratch);
      for (int k = 0; k < dim; k++) {
        float plain = 0f;
        float plainContiguous = 0f;
        double exact = 0;
        for (int j = 0; j < rows; j++) {
          plain = Math.fma(w[j], m[index[3 + j] * dim + k], plain);
          plainContiguous = Math.fma(w[j], m[(50 - rows + j) * dim + k], plainContiguous);
          exact += (double) w[j] * m[index[3 + j] * dim + k];
        }
        assertThat(byIndex[2 + k]).isEqualTo(plain);
        assertThat(contiguous[k]).isEqualTo(plainContiguous);
        assertThat((double) plain).isCloseTo(exact, within(1e-5 * (1 + Math.abs(exact))));
      }
    }
  }

  /**
   * The eight-chain row dot products against float64 sums, for row counts around the unroll, on
   * rows shorter than their stride (A's real columns in a padded row) and on table rows in any
   * order (H q of a window that fills its padded rows); each is also exactly the float of one
   * sequential fused chain, so the result does not depend on which rows share a pass.
   */
  @Test
  void rowDotsMatchFloat64() {
    Random random = new Random(11);
    for (int[] shape : new int[][] {{300, 300}, {21, 24}, {9, 64}}) {
      int cols = shape[0];
      int stride = shape[1];
      for (int rows : new int[] {1, 7, 8, 9, 24, 61}) {
        float[] m = gaussian(random, 3 + rows * stride);
        float[] q = gaussian(random, 5 + cols);
        int[] strided = new int[rows];
        int[] shuffled = new int[rows];
        for (int t = 0; t < rows; t++) {
          strided[t] = 3 + t * stride;
          shuffled[t] = 3 + random.nextInt(rows) * stride;
        }
        for (int[] base : new int[][] {strided, shuffled}) {
          float[] out = new float[2 + rows];
          BatchedSelfAttention.rowDots(m, base, rows, cols, q, 5, out, 2);
          for (int t = 0; t < rows; t++) {
            double expected = 0;
            float chain = m[base[t]] * q[5];
            for (int k = 0; k < cols; k++) {
              expected += (double) m[base[t] + k] * q[5 + k];
              chain = k == 0 ? chain : Math.fma(m[base[t] + k], q[5 + k], chain);
            }
            assertThat(out[2 + t]).isEqualTo(chain);
            assertThat((double) out[2 + t])
                .isCloseTo(expected, within(1e-4 * (1 + Math.abs(expected))));
          }
        }
      }
    }
  }


  /**
   * The float exponential against {@link Math#exp} rounded to float: within 1 ulp over every
   * 97th float from 0 down to the cut-off (about 10 million arguments, the subnormal results near
   * the cut-off included), exactly 1 at 0, 0 below the cut-off.
   */
  @Test
  void expNonPositiveIsWithinOneUlpOfMathExp() {
    assertThat(BatchedSelfAttention.expNonPositive(0f)).isEqualTo(1f);
    assertThat(BatchedSelfAttention.expNonPositive(-0f)).isEqualTo(1f);
    assertThat(BatchedSelfAttention.expNonPositive(-87.4f)).isEqualTo(0f);
    assertThat(BatchedSelfAttention.expNonPositive(Float.NEGATIVE_INFINITY)).isEqualTo(0f);
    int checked = 0;
    double worst = 0;
    for (int bits = Float.floatToIntBits(-Float.MIN_VALUE); ; bits += 97) {
      float x = Float.intBitsToFloat(bits);
      if (x < -87.3f) {
        break;
      }
      float expected = (float) Math.exp(x);
      float actual = BatchedSelfAttention.expNonPositive(x);
      double ulps = Math.abs(actual - expected) / Math.ulp(expected);
      worst = Math.max(worst, ulps);
      checked++;
    }
    assertThat(checked).isGreaterThan(10_000_000);
    assertThat(worst).isLessThanOrEqualTo(1.0);
  }

  /**
   * Softmax of the real block of padded score rows against float64, with the entries outside
   * the real block (padded keys and padded query rows) left untouched.
   */
  @Test
  void softmaxRowsMatchFloat64OnTheRealBlockOnly() {
    Random random = new Random(17);
    int tokens = 24;
    float scale = (float) (1 / Math.sqrt(300));
    for (int len : new int[] {1, 2, 17, 24}) {
      float[] g = new float[5 + tokens * tokens];
      for (int i = 0; i < g.length; i++) {
        g[i] = (float) (random.nextGaussian() * 60); // raw dot products of d = 300 vectors
      }
      float[] a = new float[g.length];
      java.util.Arrays.fill(a, 7f);
      BatchedSelfAttention.softmaxRows(g, a, 5, len, tokens, scale, ones(tokens), 0);
      for (int r = 0; r < tokens; r++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < len; j++) {
          max = Math.max(max, (double) g[5 + r * tokens + j] * scale);
        }
        double sum = 0;
        for (int j = 0; j < len; j++) {
          sum += Math.exp((double) g[5 + r * tokens + j] * scale - max);
        }
        for (int j = 0; j < tokens; j++) {
          float actual = a[5 + r * tokens + j];
          if (r < len && j < len) {
            double expected = Math.exp((double) g[5 + r * tokens + j] * scale - max) / sum;
            assertThat((double) actual).isCloseTo(expected, within(1e-6));
          } else {
            assertThat(actual).isEqualTo(7f);
          }
        }
      }
    }
  }

  /**
   * A sentence given by its distinct rows and their multiplicities (what the job passes) pools
   * as the float64 reference over every token, repeats included: the query's sentence part sums
   * every token, the bias is per row (like the log prior), and each row's α is the weight of
   * each of its tokens, so Σ m·α = 1. Covers a sentence whose distinct rows fill the padded
   * length (H c from row dots), a sentence of one word repeated, one of a single token, and one
   * without repeats.
   */
  @ParameterizedTest
  @EnumSource(value = AttentionKernel.class, names = {"ND4J", "JAVA_VECTOR"})
  void distinctRowsWithMultiplicitiesPoolLikeEveryTokenInFloat64(AttentionKernel kernel) {
    Random random = new Random(23);
    int dim = 10;
    int tokens = 8;
    float[] table = gaussian(random, 8 * dim);
    float[] rowBias = new float[8];
    for (int i = 0; i < rowBias.length; i++) {
      rowBias[i] = (float) Math.log(0.05 + random.nextDouble());
    }
    int[][] sentences = {
      {0, 1, 0, 2, 0}, {3, 3, 3}, {4}, {1, 2, 5, 1, 5, 2, 0, 4, 6, 1},
      {0, 1, 2, 3, 4, 5, 6, 7, 0, 7, 7}, {6, 2, 7}
    };
    int batch = sentences.length;
    int[] index = new int[batch * tokens];
    float[] mult = new float[batch * tokens];
    float[] bias = new float[batch * tokens];
    int[] lengths = new int[batch];
    float[] queries = gaussian(random, batch * dim);
    float[] shares = new float[batch];
    for (int b = 0; b < batch; b++) {
      shares[b] = 0.5f / sentences[b].length;
      for (int row : sentences[b]) {
        int k = 0;
        while (k < lengths[b] && index[b * tokens + k] != row) {
          k++;
        }
        if (k == lengths[b]) {
          index[b * tokens + k] = row;
          bias[b * tokens + k] = rowBias[row];
          lengths[b]++;
        }
        mult[b * tokens + k]++;
      }
    }
    assertThat(lengths).containsExactly(3, 1, 1, 6, 8, 3);
    float[] pooled = new float[batch * dim];
    float[] alpha = new float[batch * tokens];
    try (BatchedSelfAttention attention = new BatchedSelfAttention(kernel)) {
      attention.attendAndPool(table, index, lengths, mult, queries, shares, bias.clone(), 0.7f,
          batch, tokens, dim, pooled, alpha);
    }
    for (int b = 0; b < batch; b++) {
      int len = sentences[b].length;
      float[] hb = new float[len * dim];
      float[] biasB = new float[len];
      float[] qb = new float[dim];
      for (int t = 0; t < len; t++) {
        int row = sentences[b][t];
        System.arraycopy(table, row * dim, hb, t * dim, dim);
        biasB[t] = rowBias[row];
      }
      for (int k = 0; k < dim; k++) {
        double sum = 0;
        for (int t = 0; t < len; t++) {
          sum += hb[t * dim + k];
        }
        qb[k] = (float) (queries[b * dim + k] + shares[b] * sum);
      }
      double[][] ref = reference(hb, len, dim, qb, biasB, 0.7);
      for (int k = 0; k < dim; k++) {
        assertThat((double) pooled[b * dim + k]).isCloseTo(ref[0][k], within(1e-5));
      }
      double total = 0;
      for (int t = 0; t < len; t++) {
        int k = 0;
        while (index[b * tokens + k] != sentences[b][t]) {
          k++;
        }
        assertThat((double) alpha[b * tokens + k]).isCloseTo(ref[1][t], within(1e-6));
        total += alpha[b * tokens + k];
      }
      assertThat(total).isCloseTo(1.0, within(1e-5));
      for (int t = lengths[b]; t < tokens; t++) {
        assertThat(alpha[b * tokens + t]).isEqualTo(0f);
      }
    }
  }

  private static float[] ones(int n) {
    float[] x = new float[n];
    java.util.Arrays.fill(x, 1f);
    return x;
  }

  /** H as one row-major block {@code [batch, tokens, dim]}, explicit queries, no sentence shares. */
  private static void attendAndPoolBlock(BatchedSelfAttention attention, float[] h, int[] lengths,
      float[] queries, float[] poolBias, float poolScale, int batch, int tokens, int dim,
      float[] pooled, float[] alpha) {
    attention.attendAndPool(h, identity(batch * tokens), lengths, null, queries, new float[batch],
        poolBias, poolScale, batch, tokens, dim, pooled, alpha);
  }

  /** Row index 0, 1, 2, ...: H given as one row-major block. */
  private static int[] identity(int n) {
    int[] index = new int[n];
    for (int i = 0; i < n; i++) {
      index[i] = i;
    }
    return index;
  }

  private static float[] gaussian(Random random, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) random.nextGaussian();
    }
    return x;
  }
}
