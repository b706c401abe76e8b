package io.attnsum.job;

import io.attnsum.encode.Nd4jBackends;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.nd4j.linalg.api.environment.Nd4jEnvironment;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says which ND4J backend (CPU/OpenBLAS or CUDA) and which device an executor JVM computes on:
 * with {@code -Pcuda} builds and Spark GPU scheduling, the log is how an operator sees that a
 * GPU was really used (ND4J silently picks its backend from the classpath). Logged once per JVM,
 * from the first task that calls {@link #logOnce()}; later calls cost a volatile read.
 *
 * <p>Log line (INFO, logger {@code io.attnsum.job.BackendReport}):
 * {@code ND4J backend CPU (CpuBackend, blas OPENBLAS) on executor 1 pid 4242: device 0 of 1 [cpu]; Spark gpu addresses []}
 */
public final class BackendReport {
  private static final Logger LOG = LoggerFactory.getLogger(BackendReport.class);
  private static volatile Description reported;
  private static volatile String javaKernelReported;

  private BackendReport() {}

  /**
   * What this JVM computes on.
   *
   * @param backend ND4J's backend kind ("CPU", "CUDA")
   * @param backendClass the ND4J backend class on the classpath (CpuBackend, JCublasBackend)
   * @param blas the BLAS library (OPENBLAS, MKL, CUBLAS)
   * @param device the device ND4J uses for the calling thread (0 on CPU)
   * @param devices devices ND4J sees (1 on CPU)
   * @param deviceNames GPU names from CUDA, or ["cpu"]
   * @param executor Spark's executor id ("driver" in the driver or local mode; "none" outside Spark)
   * @param pid this JVM's process id
   * @param gpuAddresses the GPU addresses Spark's resource scheduling gave the calling task
   *     (spark.task.resource.gpu.amount); empty without GPU scheduling
   */
  public record Description(String backend, String backendClass, String blas, int device, int devices,
      List<String> deviceNames, String executor, long pid, List<String> gpuAddresses) implements Serializable {
    private static final long serialVersionUID = 1L;

    String line() {
      return "ND4J backend " + backend + " (" + backendClass + ", blas " + blas + ") on executor " + executor
          + " pid " + pid + ": device " + device + " of " + devices + " " + deviceNames
          + "; Spark gpu addresses " + gpuAddresses;
    }
  }

  /** Describes and logs this JVM's backend the first time it is called; returns the description. */
  public static Description logOnce() {
    Description d = reported;
    if (d != null) {
      return d;
    }
    synchronized (BackendReport.class) {
      if (reported == null) {
        Nd4jBackends.requireLoadable();
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        Description now = describe(env);
        LOG.info("{}", now.line());
        requireRunnable(env, System.getenv(CudaArchitectures.ENV));
        reported = now;
      }
      return reported;
    }
  }

  /**
   * Logs once per JVM that its summarizer runs the Java kernel on the CPU, which needs nothing of
   * ND4J: the summarizer does not start ND4J (see {@code AttentionKernel}), so there is no backend
   * to describe. (A local run that trains Word2Vec has started ND4J on the driver for that.)
   * Returns the line.
   *
   * <p>Log line: {@code attention kernel java-vector (JDK Vector API, CPU) on executor 1 pid 4242; the summarizer does not use ND4J}
   */
  public static String logJavaKernelOnce() {
    if (javaKernelReported == null) {
      synchronized (BackendReport.class) {
        if (javaKernelReported == null) {
          String line = javaKernelLine(executorId(), ProcessHandle.current().pid());
          LOG.info("{}", line);
          javaKernelReported = line;
        }
      }
    }
    return javaKernelReported;
  }

  static String javaKernelLine(String executor, long pid) {
    return "attention kernel java-vector (JDK Vector API, CPU) on executor " + executor + " pid " + pid
        + "; the summarizer does not use ND4J";
  }

  /**
   * Fails, naming the GPU and why, when ND4J runs on CUDA devices its kernels were not built for:
   * otherwise the first op of each task fails with a bare CUDA error code. No-op on the CPU.
   *
   * @param env ND4J's environment information
   * @param archesEnv the value of {@value CudaArchitectures#ENV}, or null
   */
  static void requireRunnable(Properties env, String archesEnv) {
    if (!"CUDA".equalsIgnoreCase(String.valueOf(env.get(Nd4jEnvironment.BACKEND_KEY)))) {
      return;
    }
    List<CudaArchitectures.Gpu> gpus =
        CudaArchitectures.fromNd4jDeviceInformation(env.get(Nd4jEnvironment.CUDA_DEVICE_INFORMATION_KEY));
    CudaArchitectures.problem(gpus, CudaArchitectures.inForce(archesEnv)).ifPresent(why -> {
      throw new IllegalStateException(why);
    });
  }

  /** Describes the backend now (initializes ND4J if no one has). */
  public static Description describe() {
    return describe(Nd4j.getExecutioner().getEnvironmentInformation());
  }

  private static Description describe(Properties env) {
    String backend = String.valueOf(env.getOrDefault(Nd4jEnvironment.BACKEND_KEY, "unknown"));
    String blas = String.valueOf(env.getOrDefault(Nd4jEnvironment.BLAS_VENDOR_KEY, "unknown"));
    var affinity = Nd4j.getAffinityManager();
    Integer device = affinity.getDeviceForCurrentThread();
    return new Description(backend, Nd4j.getBackend().getClass().getSimpleName(), blas,
        device == null ? 0 : device, affinity.getNumberOfDevices(), deviceNames(env),
        executorId(), ProcessHandle.current().pid(), taskGpuAddresses());
  }

  /** GPU names as CUDA reports them, or ["cpu"]. */
  private static List<String> deviceNames(Properties env) {
    List<String> names = CudaArchitectures.fromNd4jDeviceInformation(env.get(Nd4jEnvironment.CUDA_DEVICE_INFORMATION_KEY))
        .stream().map(CudaArchitectures.Gpu::name).toList();
    return names.isEmpty() ? List.of("cpu") : names;
  }

  private static String executorId() {
    SparkEnv env = SparkEnv.get();
    return env == null ? "none" : env.executorId();
  }

  private static List<String> taskGpuAddresses() {
    TaskContext task = TaskContext.get();
    if (task == null) {
      return List.of();
    }
    ResourceInformation gpu = task.resourcesJMap().get("gpu");
    return gpu == null ? List.of() : List.copyOf(Arrays.asList(gpu.addresses()));
  }
}
