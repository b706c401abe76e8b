package io.attnsum.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.environment.Nd4jEnvironment;

/**
 * Which GPUs ND4J's CUDA kernels can run on. ND4J 1.0.0-M2.1's {@code libnd4jcuda.so} carries
 * machine code (SASS) for sm_37, 50, 52, 60, 61, 70, 75, 80 and 86 and no PTX, so the driver has
 * nothing to compile for a newer chip: on compute capability 9.0 (H100, H200) and later every
 * kernel fails to load with CUDA_ERROR_NO_BINARY_FOR_GPU (209), as they do on an H100 (README,
 * GPU). CUDA's rule: SASS for sm_XY runs on compute capability X.Z
 * for Z at least Y, and on no other major version.
 *
 * <p>The list can be replaced through {@value #ENV} (space or comma separated, e.g. "80 86 90"),
 * for an ND4J built from source for other chips; {@code scripts/gpu-discovery.sh} reads the same
 * variable and applies the same rule before Spark hands out GPUs.
 */
public final class CudaArchitectures {
  /** Environment variable that replaces the built-in list. */
  public static final String ENV = "ATTNSUM_CUDA_ARCHES";

  /** The SASS targets in ND4J 1.0.0-M2.1's linux-x86_64 CUDA 11.6 build (read from its fatbin). */
  public static final List<Integer> ND4J_1_0_0_M2_1 = List.of(37, 50, 52, 60, 61, 70, 75, 80, 86);

  /** One GPU as CUDA describes it. */
  public record Gpu(int index, String name, int major, int minor) {}

  private CudaArchitectures() {}

  /** The list in force: {@value #ENV} when set and not blank, else ND4J 1.0.0-M2.1's. */
  public static List<Integer> inForce(String envValue) {
    if (envValue == null || envValue.isBlank()) {
      return ND4J_1_0_0_M2_1;
    }
    List<Integer> arches = new ArrayList<>();
    for (String part : envValue.trim().split("[\\s,]+")) {
      String digits = part.startsWith("sm_") ? part.substring(3) : part;
      if (!digits.matches("[1-9][0-9]{1,2}")) {
        throw new IllegalArgumentException(ENV + ": expected SM numbers such as \"80 86 90\", got '" + part
            + "' in '" + envValue + "'");
      }
      arches.add(Integer.parseInt(digits));
    }
    return List.copyOf(arches);
  }

  /** Whether machine code for one of {@code arches} runs on compute capability major.minor. */
  public static boolean runsOn(List<Integer> arches, int major, int minor) {
    for (int arch : arches) {
      if (arch / 10 == major && arch % 10 <= minor) {
        return true;
      }
    }
    return false;
  }

  /**
   * The GPUs ND4J reports ({@code cuda.devicesInformation}: one map per device with
   * {@code cuda.deviceName}, {@code cuda.deviceMajor}, {@code cuda.deviceMinor}).
   */
  public static List<Gpu> fromNd4jDeviceInformation(Object devicesInformation) {
    List<Gpu> gpus = new ArrayList<>();
    if (devicesInformation instanceof List<?> list) {
      for (Object device : list) {
        if (device instanceof Map<?, ?> m) {
          gpus.add(new Gpu(gpus.size(), String.valueOf(m.get(Nd4jEnvironment.CUDA_DEVICE_NAME_KEY)),
              asInt(m.get(Nd4jEnvironment.CUDA_DEVICE_MAJOR_VERSION_KEY)),
              asInt(m.get(Nd4jEnvironment.CUDA_DEVICE_MINOR_VERSION_KEY))));
        }
      }
    }
    return gpus;
  }

  private static int asInt(Object value) {
    if (value instanceof Number n) {
      return n.intValue();
    }
    try {
      return Integer.parseInt(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Why ND4J cannot compute on these GPUs, if it cannot on one of them; empty when all are
   * covered. A GPU whose capability is unknown (-1) is not judged.
   */
  public static Optional<String> problem(List<Gpu> gpus, List<Integer> arches) {
    List<Gpu> bad = gpus.stream()
        .filter(g -> g.major() >= 0 && g.minor() >= 0 && !runsOn(arches, g.major(), g.minor()))
        .toList();
    if (bad.isEmpty()) {
      return Optional.empty();
    }
    String which = bad.stream()
        .map(g -> "GPU " + g.index() + " (" + g.name() + ") has compute capability " + g.major() + "." + g.minor())
        .collect(Collectors.joining("; "));
    String list = arches.stream().map(a -> "sm_" + a).collect(Collectors.joining(", "));
    return Optional.of(which + ", but the ND4J CUDA backend on the classpath carries kernels only for " + list
        + " and no PTX, so every ND4J op would fail with CUDA_ERROR_NO_BINARY_FOR_GPU. Run the CPU build, "
        + "use GPUs those kernels run on, or set " + ENV + " to the SM list of an ND4J built for this GPU.");
  }
}
