package io.attnsum.encode;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.nd4j.linalg.factory.Nd4jBackend;

/**
 * The ND4J backends in the jar, and a readable error when none of them loads. ND4J itself says
 * only "Please ensure that you have an nd4j backend on your classpath" when the backend is there
 * but its native libraries cannot load (the CUDA build on a node without an NVIDIA driver: the
 * reason, {@code libcuda.so.1: cannot open shared object file}, goes to a WARN line only), and
 * every later use of ND4J in that JVM fails with "Could not initialize class ...Nd4j", whose
 * message has lost that reason. So the first ND4J user of a JVM asks {@link #requireLoadable()}
 * before ND4J starts: Word2Vec training on the driver, the summarizer on executors.
 */
public final class Nd4jBackends {
  private static final String CUDA_BACKEND = "JCublasBackend";

  private Nd4jBackends() {}

  /** Simple names of the backends on the class path, found without loading any native code. */
  public static List<String> inJar() {
    List<String> names = new ArrayList<>();
    ServiceLoader.load(Nd4jBackend.class).stream().forEach(p -> names.add(p.type().getSimpleName()));
    return names;
  }

  /** Whether ND4J's CUDA backend is on the class path (the -Pcuda build); loads no native code. */
  public static boolean cudaInJar() {
    return CudaInJar.PRESENT;
  }

  // Asked once per summarizer: the class path does not change, so scan it once per JVM.
  private static final class CudaInJar {
    static final boolean PRESENT = inJar().contains(CUDA_BACKEND);
  }

  /**
   * Fails with the reasons and what to do unless a backend on the class path can run here. Call it
   * before ND4J's first use in the JVM (later calls only repeat the check, which is cheap once the
   * natives are loaded).
   */
  public static void requireLoadable() {
    List<String> reasons = unavailable();
    if (!reasons.isEmpty()) {
      throw new IllegalStateException(message(inJar(), reasons));
    }
  }

  /** Why each backend on the class path cannot run here ("Name: reason"); empty if one can. */
  static List<String> unavailable() {
    List<String> reasons = new ArrayList<>();
    for (ServiceLoader.Provider<Nd4jBackend> p : ServiceLoader.load(Nd4jBackend.class).stream().toList()) {
      String name = p.type().getSimpleName();
      try {
        if (p.get().isAvailable()) {
          return List.of();
        }
        reasons.add(name + ": not available");
      } catch (Throwable t) { // native loading fails with Errors (UnsatisfiedLinkError)
        reasons.add(name + ": " + rootMessage(t));
      }
    }
    return reasons;
  }

  static String message(List<String> backends, List<String> reasons) {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "this host";
    }
    StringBuilder m = new StringBuilder("ND4J could not load a backend on ").append(host).append(": ");
    m.append(reasons.isEmpty() ? "backends on the class path " + backends : String.join("; ", reasons)).append('.');
    if (backends.contains(CUDA_BACKEND)) {
      m.append(" This jar is the CUDA build (-Pcuda): every JVM that computes with ND4J (the executors, and"
          + " the driver when it trains Word2Vec) needs an NVIDIA driver, a GPU ND4J's kernels run on and the"
          + " CUDA 11.6 libraries (or the -Pcuda,cuda-redist jar). Build without -Pcuda for CPU nodes.");
    } else if (backends.isEmpty()) {
      m.append(" The jar holds no ND4J backend: build it with the project's pom (nd4j-native, or -Pcuda).");
    }
    return m.toString();
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
