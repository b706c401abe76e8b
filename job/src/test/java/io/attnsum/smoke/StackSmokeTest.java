package io.attnsum.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class StackSmokeTest {
  @Test
  void nd4jMultipliesOnTheNativeBackend() {
    INDArray a = Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}});
    INDArray b = Nd4j.createFromArray(new float[][] {{5, 6}, {7, 8}});
    INDArray c = a.mmul(b);
    assertThat(c.getFloat(0, 0)).isEqualTo(19f);
    assertThat(c.getFloat(1, 1)).isEqualTo(50f);
    assertThat(Nd4j.getBackend().getClass().getSimpleName()).contains("Cpu");
  }
}
