package io.attnsum.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BatchedGramTest {

  /**
   * Blocks of mixed sizes (empty, one row, sizes on and off the row bucket, more blocks of one size
   * than a batch holds) against float64 dot products; each block's matrix is also bit for bit the
   * one it gets alone, whatever shares its batch.
   */
  @ParameterizedTest
  @EnumSource(value = AttentionKernel.class, names = {"ND4J", "JAVA_VECTOR"})
  void gramsMatchFloat64AndDoNotDependOnTheOtherBlocks(AttentionKernel kernel) {
    Random random = new Random(23);
    int dim = 300;
    int[] mixed = {0, 1, 4, 5, 8, 9, 31, 40, 3, 7};
    int[] sizes = new int[BatchedGram.MAX_BATCH + 2 + mixed.length];
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = i < BatchedGram.MAX_BATCH + 2 ? 7 : mixed[i - BatchedGram.MAX_BATCH - 2];
    }
    float[][] blocks = new float[sizes.length][];
    for (int i = 0; i < sizes.length; i++) {
      blocks[i] = new float[sizes[i] * dim + 5]; // longer than needed: only n · dim is read
      for (int k = 0; k < blocks[i].length; k++) {
        blocks[i][k] = (float) random.nextGaussian();
      }
    }
    double[][] grams;
    try (BatchedGram gram = new BatchedGram(kernel)) {
      grams = gram.grams(blocks, sizes, dim);
      for (int i = 0; i < sizes.length; i++) {
        int n = sizes[i];
        assertThat(grams[i]).hasSize(n * n);
        for (int a = 0; a < n; a++) {
          for (int b = 0; b < n; b++) {
            double expected = 0;
            for (int k = 0; k < dim; k++) {
              expected += (double) blocks[i][a * dim + k] * blocks[i][b * dim + k];
            }
            assertThat(grams[i][a * n + b])
                .isCloseTo(expected, within(1e-12 * (1 + Math.abs(expected))));
            assertThat(grams[i][a * n + b]).isEqualTo(grams[i][b * n + a]);
            if (kernel == AttentionKernel.JAVA_VECTOR) {
              assertThat(grams[i][a * n + b]).isEqualTo(
                  KernelReference.dot64(blocks[i], a * dim, blocks[i], b * dim, dim));
            }
          }
        }
      }
      for (int i : new int[] {0, 5, BatchedGram.MAX_BATCH + 1, sizes.length - 1}) {
        double[] alone = gram.grams(new float[][] {blocks[i]}, new int[] {sizes[i]}, dim)[0];
        assertThat(alone).containsExactly(grams[i]);
      }
    }
  }

  /** Long documents get fewer blocks a matmul, never none, and never more than the budget. */
  @Test
  void batchesShrinkWithBlockSize() {
    assertThat(BatchedGram.blocksPerBatch(28, 300)).isEqualTo(BatchedGram.MAX_BATCH);
    assertThat(BatchedGram.blocksPerBatch(200, 300)).isEqualTo(69);
    assertThat(BatchedGram.blocksPerBatch(2000, 300)).isEqualTo(1);
    assertThat(BatchedGram.blocksPerBatch(20000, 300)).isEqualTo(1);
    for (int padded : new int[] {4, 100, 400, 1000}) {
      long most = BatchedGram.blocksPerBatch(padded, 300);
      assertThat(most * padded * Math.max(padded, 300))
          .isLessThanOrEqualTo(BatchedGram.MAX_BATCH_ELEMENTS);
    }
  }
}
