package io.attnsum.attention;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DistinctRowsTest {

  @Test
  void slotsFollowFirstOccurrenceCountsAddUpAndClearForgetsOnlyTheSequence() {
    DistinctRows d = new DistinctRows();
    d.fit(200);
    int[] sequence = {7, 3, 7, 199, 0, 3, 7};
    int[] slots = new int[sequence.length];
    for (int i = 0; i < sequence.length; i++) {
      slots[i] = d.add(sequence[i]);
    }
    assertThat(slots).containsExactly(0, 1, 0, 2, 3, 1, 0);
    assertThat(d.size()).isEqualTo(4);
    assertThat(Arrays.copyOf(d.rows(), 4)).containsExactly(7, 3, 199, 0);
    assertThat(Arrays.copyOf(d.counts(), 4)).containsExactly(3, 2, 1, 1);
    d.clear();
    assertThat(d.size()).isZero();
    assertThat(d.add(3)).isZero(); // a row of the last sequence starts afresh
    assertThat(d.counts()[0]).isEqualTo(1);
  }

  @Test
  void growsPastItsInitialCapacity() {
    DistinctRows d = new DistinctRows();
    d.fit(1000);
    for (int row = 999; row >= 0; row--) {
      assertThat(d.add(row)).isEqualTo(999 - row);
    }
    for (int row = 0; row < 1000; row++) {
      d.add(row);
    }
    assertThat(d.size()).isEqualTo(1000);
    assertThat(d.rows()[0]).isEqualTo(999);
    assertThat(Arrays.stream(d.counts(), 0, 1000).allMatch(c -> c == 2)).isTrue();
  }
}
