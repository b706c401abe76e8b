package io.attnsum.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * CUDA's compatibility rule for ND4J's kernels, and the executor's refusal of GPUs they do not
 * run on, fed the environment maps ND4J's CUDA executioner builds (device numbers as Longs).
 */
class CudaArchitecturesTest {
  private static final List<Integer> ND4J = CudaArchitectures.ND4J_1_0_0_M2_1;

  @Test
  void sassRunsOnItsOwnMajorVersionAtTheSameOrAHigherMinor() {
    assertThat(CudaArchitectures.runsOn(ND4J, 8, 0)).as("A100").isTrue();
    assertThat(CudaArchitectures.runsOn(ND4J, 8, 6)).as("A10").isTrue();
    assertThat(CudaArchitectures.runsOn(ND4J, 8, 9)).as("L4 (Ada) runs sm_86 code").isTrue();
    assertThat(CudaArchitectures.runsOn(ND4J, 7, 5)).as("T4").isTrue();
    assertThat(CudaArchitectures.runsOn(ND4J, 7, 2)).as("Xavier runs sm_70 code").isTrue();
    assertThat(CudaArchitectures.runsOn(ND4J, 3, 7)).as("K80").isTrue();
    assertThat(CudaArchitectures.runsOn(ND4J, 3, 5)).as("K40: below sm_37").isFalse();
    assertThat(CudaArchitectures.runsOn(ND4J, 9, 0)).as("H100: no sm_9x code, no PTX").isFalse();
    assertThat(CudaArchitectures.runsOn(ND4J, 10, 0)).as("B200").isFalse();
    assertThat(CudaArchitectures.runsOn(ND4J, 12, 0)).as("RTX 50xx").isFalse();
    assertThat(CudaArchitectures.runsOn(List.of(90), 9, 0)).isTrue();
    assertThat(CudaArchitectures.runsOn(List.of(90), 8, 6)).isFalse();
  }

  @Test
  void theEnvironmentVariableReplacesTheList() {
    assertThat(CudaArchitectures.inForce(null)).isEqualTo(ND4J);
    assertThat(CudaArchitectures.inForce("  ")).isEqualTo(ND4J);
    assertThat(CudaArchitectures.inForce("80 86,90")).containsExactly(80, 86, 90);
    assertThat(CudaArchitectures.inForce("sm_90, sm_100")).containsExactly(90, 100);
    assertThatThrownBy(() -> CudaArchitectures.inForce("86 compute_90"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(CudaArchitectures.ENV).hasMessageContaining("'compute_90'");
  }

  private static Properties cuda(Map<String, Object>... devices) {
    Properties env = new Properties();
    env.put("backend", "CUDA");
    env.put("cuda.devicesInformation", List.of(devices));
    return env;
  }

  private static Map<String, Object> device(String name, long major, long minor) {
    return Map.of("cuda.deviceName", name, "cuda.deviceMajor", major, "cuda.deviceMinor", minor,
        "cuda.freeMemory", 1L << 33, "cuda.totalMemory", 1L << 34);
  }

  @Test
  void anExecutorOnAHopperGpuFailsNamingTheGpuAndTheWayOut() {
    Properties env = cuda(device("NVIDIA A100-SXM4-40GB", 8, 0), device("NVIDIA H100 80GB HBM3", 9, 0));
    assertThatThrownBy(() -> BackendReport.requireRunnable(env, null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("GPU 1 (NVIDIA H100 80GB HBM3) has compute capability 9.0, but")
        .hasMessageNotContaining("A100")
        .hasMessageContaining("sm_37, sm_50, sm_52, sm_60, sm_61, sm_70, sm_75, sm_80, sm_86")
        .hasMessageContaining("CUDA_ERROR_NO_BINARY_FOR_GPU")
        .hasMessageContaining(CudaArchitectures.ENV);
  }

  @Test
  void coveredGpusTheCpuAndAnOverrideForARebuiltNd4jPass() {
    BackendReport.requireRunnable(cuda(device("NVIDIA A10", 8, 6), device("NVIDIA L4", 8, 9)), null);
    BackendReport.requireRunnable(cuda(device("NVIDIA H100 80GB HBM3", 9, 0)), "80 86 90");
    Properties cpu = new Properties();
    cpu.put("backend", "CPU");
    BackendReport.requireRunnable(cpu, "86");
    assertThat(CudaArchitectures.problem(
        CudaArchitectures.fromNd4jDeviceInformation(cuda(device("NVIDIA H100", 9, 0)).get("cuda.devicesInformation")),
        List.of(80, 86, 90))).isEmpty();
    assertThat(CudaArchitectures.problem(List.of(new CudaArchitectures.Gpu(0, "odd", -1, -1)), ND4J))
        .as("unknown capability is not judged").isEmpty();
  }
}
