package io.attnsum.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PoolingTest {
  private static final float[] STATES = {1, 2, 3, 4, 5, 6, 7, 8, 9}; // [3 tokens, 3]

  @Test
  void meanAveragesEveryToken() {
    assertThat(Pooling.MEAN.pool(STATES, 3)).containsExactly(4, 5, 6);
  }

  @Test
  void clsTakesTheFirstToken() {
    assertThat(Pooling.CLS.pool(STATES, 3)).containsExactly(1, 2, 3);
  }

  @Test
  void maskedMeanAveragesTheMaskedTokensOnly() {
    assertThat(Pooling.maskedMean(STATES, 3, new boolean[] {false, true, true}))
        .containsExactly(5.5f, 6.5f, 7.5f);
    assertThat(Pooling.maskedMean(STATES, 3, new boolean[3])).containsExactly(0, 0, 0);
  }

  @Test
  void rejectsStatesOfTheWrongShape() {
    assertThatThrownBy(() -> Pooling.MEAN.pool(new float[8], 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[length >= 1, 3]");
    assertThatThrownBy(() -> Pooling.maskedMean(STATES, 3, new boolean[2]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 entries for 3");
  }
}
