package io.attnsum.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SummarizationJobTest {
  /** The manifest names the kernel the summarize tasks ran, and says when executors disagreed. */
  @Test
  void kernelsUsedNamesOneKernelOrTheMix() {
    assertThat(SummarizationJob.kernelsUsed(12, 12)).isEqualTo("java-vector");
    assertThat(SummarizationJob.kernelsUsed(0, 12)).isEqualTo("nd4j");
    assertThat(SummarizationJob.kernelsUsed(0, 0)).isEqualTo("none");
    assertThat(SummarizationJob.kernelsUsed(5, 12))
        .isEqualTo("mixed: java-vector in 5 of 12 tasks, nd4j in the rest");
  }
}
