package io.attnsum.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.attnsum.job.CudaArchitectures;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GPU side of the launch scripts, without a GPU: {@code submit.sh --gpu} hands spark-submit
 * Spark's GPU scheduling settings (and refuses a CPU-only jar), and
 * {@code gpu-discovery.sh} turns nvidia-smi's answer into Spark's resource JSON. A fake
 * {@code spark-submit} prints its arguments; a fake {@code nvidia-smi} answers
 * its queries.
 */
class SubmitScriptTest {
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  @TempDir Path tmp;

  record Run(int code, String stdout, String stderr) {}

  private Run run(List<String> cmd, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().putAll(env);
    pb.redirectOutput(tmp.resolve("out.txt").toFile()).redirectError(tmp.resolve("err.txt").toFile());
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("finished").isTrue();
    return new Run(p.exitValue(), Files.readString(tmp.resolve("out.txt")), Files.readString(tmp.resolve("err.txt")));
  }

  private Path executable(Path file, String script) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, script, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  /** A fake SPARK_HOME whose spark-submit prints one argument per line. */
  private Path echoingSparkHome() throws IOException {
    Path home = tmp.resolve("spark");
    executable(home.resolve("bin/spark-submit"), "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
    return home;
  }

  private Path jar(String name, String... entries) throws IOException {
    Path jar = tmp.resolve(name);
    try (OutputStream f = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(f)) {
      for (String e : entries) {
        zip.putNextEntry(new ZipEntry(e));
        zip.closeEntry();
      }
    }
    return jar;
  }

  private Run submit(Path jar, String... args) throws Exception {
    return submit(Map.of(), jar, args);
  }

  private Run submit(Map<String, String> extraEnv, Path jar, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("scripts/submit.sh").toString()));
    cmd.addAll(List.of(args));
    Map<String, String> env = new HashMap<>(Map.of("SPARK_HOME", echoingSparkHome().toString(),
        "ATTNSUM_MASTER", "spark://gpu-host:7077", "ATTNSUM_JAR", jar.toString(), "ATTNSUM_EXECUTOR_CORES", "4",
        "ATTNSUM_GPUS_PER_EXECUTOR", "1"));
    env.putAll(extraEnv);
    return run(cmd, env);
  }

  @Test
  void gpuModeAsksSparkForGpusAndSharesThemAmongTaskSlots() throws Exception {
    Path cudaJar = jar("cuda.jar", "org/nd4j/linalg/jcublas/JCublasBackend.class");
    Run r = submit(cudaJar, "--gpu", "--set", "input.path=hdfs:///in");
    assertThat(r.code()).as(r.stderr()).isZero();
    List<String> args = r.stdout().lines().toList();
    assertThat(args).contains("spark.executor.resource.gpu.amount=1", "spark.task.resource.gpu.amount=0.25",
        "spark.executor.resource.gpu.discoveryScript=" + ROOT.resolve("scripts/gpu-discovery.sh"));
    // --gpu is submit.sh's, not the job's; the job's own arguments follow the jar unchanged.
    assertThat(args.subList(args.indexOf(cudaJar.toString()), args.size()))
        .containsExactly(cudaJar.toString(), "run", "--set", "input.path=hdfs:///in");
    assertThat(r.stdout()).doesNotContain("ATTNSUM_CUDA_ARCHES");
  }

  @Test
  void gpuModePassesTheArchitectureListOfARebuiltNd4jToExecutors() throws Exception {
    Path cudaJar = jar("cuda.jar", "org/nd4j/linalg/jcublas/JCublasBackend.class");
    Run r = submit(Map.of("ATTNSUM_CUDA_ARCHES", "80 86 90"), cudaJar, "--gpu");
    assertThat(r.code()).as(r.stderr()).isZero();
    assertThat(r.stdout().lines()).contains("spark.executorEnv.ATTNSUM_CUDA_ARCHES=80 86 90");
  }

  @Test
  void withoutGpuModeNoGpuIsRequested() throws Exception {
    Run r = submit(jar("cuda.jar", "org/nd4j/linalg/jcublas/JCublasBackend.class"), "--set", "a=b");
    assertThat(r.code()).as(r.stderr()).isZero();
    assertThat(r.stdout()).doesNotContain("resource.gpu");
  }

  @Test
  void gpuModeRefusesACpuOnlyJar() throws Exception {
    Run r = submit(jar("cpu.jar", "org/nd4j/linalg/cpu/nativecpu/CpuBackend.class"), "--gpu");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.stderr()).contains("--gpu needs the CUDA build").contains("-Pcuda");
    assertThat(r.stdout()).isEmpty();
  }

  /**
   * A fake nvidia-smi: {@code gpus} answers the index,compute_cap,name query (null: fails as a
   * pre-R510 driver does on that field), {@code indexes} the index-only one.
   */
  private Path fakeNvidiaSmi(String gpus, String indexes) throws IOException {
    Path bin = tmp.resolve("bin");
    String capQuery = gpus == null
        ? "echo 'Field \"compute_cap\" is not a valid field to query.' >&2; exit 2"
        : "printf '" + gpus + "'";
    executable(bin.resolve("nvidia-smi"), "#!/bin/sh\ncase \"$*\" in\n  *compute_cap*) " + capQuery
        + " ;;\n  *) printf '" + indexes + "' ;;\nesac\n");
    return bin;
  }

  private Run discover(Path bin, String arches) throws Exception {
    Map<String, String> env = new HashMap<>(Map.of("PATH", bin + ":/usr/bin:/bin"));
    if (arches != null) {
      env.put("ATTNSUM_CUDA_ARCHES", arches);
    }
    return run(List.of("/bin/bash", ROOT.resolve("scripts/gpu-discovery.sh").toString()), env);
  }

  @Test
  void discoveryScriptListsNvidiaSmiIndexesAsSparkResourceJson() throws Exception {
    Path bin = fakeNvidiaSmi("0, 8.0, NVIDIA A100-SXM4-40GB\\n1, 8.6, NVIDIA A10\\n3, 7.5, Tesla T4\\n", "0\\n1\\n3\\n");
    Run r = discover(bin, null);
    assertThat(r.code()).as(r.stderr()).isZero();
    assertThat(r.stdout()).isEqualTo("{\"name\":\"gpu\",\"addresses\":[\"0\",\"1\",\"3\"]}\n");
    assertThat(r.stderr()).isEmpty();
  }

  /** The line and its capability as the H100 of the GPU machine printed them (driver 580). */
  private static final String H100 = "1, 9.0, NVIDIA H100 80GB HBM3\\n";

  @Test
  void discoveryScriptLeavesOutGpusNd4jsKernelsDoNotRunOnAndSaysWhy() throws Exception {
    Path bin = fakeNvidiaSmi("0, 8.9, NVIDIA L4\\n" + H100, "0\\n1\\n");
    Run r = discover(bin, null);
    assertThat(r.code()).as(r.stderr()).isZero();
    assertThat(r.stdout()).isEqualTo("{\"name\":\"gpu\",\"addresses\":[\"0\"]}\n");
    assertThat(r.stderr()).isEqualTo("gpu-discovery.sh: leaving out GPU 1 (NVIDIA H100 80GB HBM3): compute capability 9.0;"
        + " ND4J's CUDA kernels are built for sm_37, sm_50, sm_52, sm_60, sm_61, sm_70, sm_75, sm_80, sm_86 only"
        + " (ATTNSUM_CUDA_ARCHES)\n");
    // The script's built-in list is the executors' (CudaArchitectures): the two checks agree.
    assertThat(r.stderr()).contains(CudaArchitectures.ND4J_1_0_0_M2_1.stream().map(a -> "sm_" + a)
        .collect(Collectors.joining(", ")) + " only");
  }

  @Test
  void discoveryScriptFailsWhenNoGpuIsUsableUnlessTheArchitectureListSaysOtherwise() throws Exception {
    Path bin = fakeNvidiaSmi(H100, "1\\n");
    Run refused = discover(bin, null);
    assertThat(refused.code()).isNotZero();
    assertThat(refused.stdout()).isEmpty();
    assertThat(refused.stderr()).contains("leaving out GPU 1").contains("none of the GPUs on").contains("compute capability 3.7 to 8.9");

    Run rebuilt = discover(bin, "sm_80, sm_90");
    assertThat(rebuilt.code()).as(rebuilt.stderr()).isZero();
    assertThat(rebuilt.stdout()).isEqualTo("{\"name\":\"gpu\",\"addresses\":[\"1\"]}\n");

    Run bad = discover(bin, "90 compute_90");
    assertThat(bad.code()).isNotZero();
    assertThat(bad.stderr()).contains("ATTNSUM_CUDA_ARCHES").contains("'compute_90'");
  }

  @Test
  void discoveryScriptOffersEveryGpuUncheckedWhenTheDriverCannotReportComputeCapability() throws Exception {
    Run r = discover(fakeNvidiaSmi(null, "0\\n2\\n"), null);
    assertThat(r.code()).as(r.stderr()).isZero();
    assertThat(r.stdout()).isEqualTo("{\"name\":\"gpu\",\"addresses\":[\"0\",\"2\"]}\n");
    assertThat(r.stderr()).contains("warning").contains("compute_cap").contains("unchecked");
  }

  @Test
  void discoveryScriptFailsWithoutNvidiaSmi() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Run r = run(List.of("/bin/bash", ROOT.resolve("scripts/gpu-discovery.sh").toString()),
        Map.of("PATH", empty.toString()));
    assertThat(r.code()).isNotZero();
    assertThat(r.stderr()).contains("nvidia-smi not found");
    assertThat(r.stdout()).isEmpty();
  }
}
