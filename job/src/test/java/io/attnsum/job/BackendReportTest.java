package io.attnsum.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The backend report names what ND4J really loaded (the default build: CPU, OpenBLAS). */
class BackendReportTest {

  @Test
  void describesTheCpuBackendOutsideSpark() {
    BackendReport.Description d = BackendReport.describe();
    assertThat(d.backend()).isEqualTo("CPU");
    // By name: the class is not on the -Pcuda build's class path, which compiles this test too.
    assertThat(d.backendClass()).isEqualTo("CpuBackend");
    assertThat(d.blas()).isEqualToIgnoringCase("OPENBLAS");
    assertThat(d.device()).isZero();
    assertThat(d.devices()).isEqualTo(1);
    assertThat(d.deviceNames()).containsExactly("cpu");
    assertThat(d.executor()).isEqualTo("none");
    assertThat(d.pid()).isEqualTo(ProcessHandle.current().pid());
    assertThat(d.gpuAddresses()).isEmpty();
    assertThat(d.line()).isEqualTo("ND4J backend CPU (CpuBackend, blas " + d.blas() + ") on executor none pid "
        + d.pid() + ": device 0 of 1 [cpu]; Spark gpu addresses []");
  }

  @Test
  void theJavaKernelLineNamesTheExecutorAndSaysNd4jIsNotStarted() {
    assertThat(BackendReport.javaKernelLine("3", 4242)).isEqualTo(
        "attention kernel java-vector (JDK Vector API, CPU) on executor 3 pid 4242; the summarizer does not use ND4J");
    String first = BackendReport.logJavaKernelOnce();
    assertThat(first).isEqualTo(BackendReport.javaKernelLine("none", ProcessHandle.current().pid()));
    assertThat(BackendReport.logJavaKernelOnce()).isSameAs(first);
  }

  @Test
  void logsOncePerJvm() {
    BackendReport.Description first = BackendReport.logOnce();
    assertThat(BackendReport.logOnce()).isSameAs(first);
  }
}
