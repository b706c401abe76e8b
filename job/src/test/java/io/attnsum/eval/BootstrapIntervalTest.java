package io.attnsum.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BootstrapIntervalTest {

  @Test
  void percentileInterpolatesLinearlyAsNumpy() {
    // numpy.percentile([1, 2, 3, 4], 25) == 1.75, 97.5 -> 3.925
    double[] v = {1, 2, 3, 4};
    assertThat(BootstrapInterval.percentile(v, 25)).isCloseTo(1.75, within(1e-12));
    assertThat(BootstrapInterval.percentile(v, 97.5)).isCloseTo(3.925, within(1e-12));
  }

  @Test
  void intervalBracketsTheMeanAndIsSeeded() {
    double[] v = new double[200];
    for (int i = 0; i < v.length; i++) {
      v[i] = (i % 10) / 10.0;
    }
    BootstrapInterval a = BootstrapInterval.of(v, 1000, 3);
    assertThat(a.mean()).isCloseTo(0.45, within(1e-12));
    assertThat(a.low()).isLessThan(0.45);
    assertThat(a.high()).isGreaterThan(0.45);
    // Standard error of the mean is ~0.287/sqrt(200) = 0.0203; the 95% half-width ~0.04.
    assertThat(a.high() - a.low()).isBetween(0.06, 0.10);
    assertThat(BootstrapInterval.of(v, 1000, 3)).isEqualTo(a);
    assertThat(BootstrapInterval.of(new double[] {0.3, 0.3}, 100, 1).low()).isEqualTo(0.3);
  }
}
