package io.attnsum.encode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the jar's ND4J backends are, and the error that replaces ND4J's "ensure that you have an
 * nd4j backend on your classpath" when the backend is there but cannot load. The reason is the
 * one seen running the -Pcuda jar on this GPU-less machine.
 */
class Nd4jBackendsTest {

  @Test
  void theTestClassPathHoldsTheCpuBackendAndItLoads() {
    assertThat(Nd4jBackends.inJar()).containsExactly("CpuBackend");
    assertThat(Nd4jBackends.unavailable()).isEmpty();
    Nd4jBackends.requireLoadable();
  }

  @Test
  void theMessageGivesTheNativeReasonAndWhatToDoWithTheCudaBuild() {
    String reason = "JCublasBackend: UnsatisfiedLinkError: /root/.javacpp/cache/attnsum-job.jar/org/bytedeco/cuda/"
        + "linux-x86_64/libjnicudart.so: libcuda.so.1: cannot open shared object file: No such file or directory";
    String m = Nd4jBackends.message(List.of("JCublasBackend"), List.of(reason));
    assertThat(m).contains(": " + reason + ".")
        .contains("This jar is the CUDA build (-Pcuda)").contains("NVIDIA driver").contains("Build without -Pcuda");
    assertThat(Nd4jBackends.message(List.of(), List.of())).contains("The jar holds no ND4J backend");
    assertThat(Nd4jBackends.message(List.of("CpuBackend"), List.of("CpuBackend: UnsatisfiedLinkError: libgomp.so.1")))
        .contains("CpuBackend: UnsatisfiedLinkError: libgomp.so.1.").doesNotContain("-Pcuda");
  }
}
