package io.attnsum.attention;

import io.attnsum.encode.Nd4jBackends;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Who computes the attention's dot products (H·Hᵀ and H·q), its softmax and the sentence graph's
 * Gram matrices: config {@code attention.kernel}.
 * The two kernels compute the same attention; their floats differ in the last bits (different
 * summation orders), so a run's kernel is part of what makes its output reproducible.
 */
public enum AttentionKernel {
  /**
   * {@link #JAVA_VECTOR} on ND4J's CPU backend when this JVM has the Vector API module; {@link
   * #ND4J} otherwise (the CUDA backend, or a JVM started without the module).
   */
  AUTO,
  /** ND4J's batched matmul over padded batches of windows (on the GPU with the CUDA backend). */
  ND4J,
  /**
   * Register-blocked FMA loops in Java ({@code VectorKernel}); needs the JVM option {@code
   * --add-modules=jdk.incubator.vector}.
   */
  JAVA_VECTOR;

  /** The JVM option that makes {@link #JAVA_VECTOR} available. */
  public static final String JVM_OPTION = "--add-modules=jdk.incubator.vector";

  /** The kernel this JVM runs for this setting. */
  public AttentionKernel resolve() {
    return switch (this) {
      case ND4J -> ND4J;
      case JAVA_VECTOR -> {
        if (!vectorApiAvailable()) {
          throw new IllegalStateException(
              "attention.kernel = java-vector needs the Vector API: start the JVM with "
                  + JVM_OPTION + " (spark.driver.extraJavaOptions / spark.executor.extraJavaOptions)"
                  + ", or set attention.kernel = auto or nd4j");
        }
        yield JAVA_VECTOR;
      }
      case AUTO -> vectorApiAvailable() && !cudaBackend() ? JAVA_VECTOR : ND4J;
    };
  }

  /**
   * A Java kernel for {@link #JAVA_VECTOR}, null for {@link #ND4J} (so that a JVM without the
   * module never loads {@code VectorKernel}); {@link #AUTO} must be resolved first.
   */
  VectorKernel newJavaKernel() {
    if (this == AUTO) {
      throw new IllegalArgumentException("resolve AUTO to a kernel first");
    }
    return this == JAVA_VECTOR ? new VectorKernel() : null;
  }

  /** Whether this JVM resolved the {@code jdk.incubator.vector} module at start. */
  public static boolean vectorApiAvailable() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }

  /**
   * Whether ND4J computes on CUDA in this JVM. A jar without ND4J's CUDA backend (the default
   * build) is answered from the class path alone: starting ND4J loads its native libraries, which
   * the Java kernel never uses (≈ 1 s and ≈ 100 MB of a local run's driver).
   */
  private static boolean cudaBackend() {
    if (!Nd4jBackends.cudaInJar()) {
      return false;
    }
    // ND4J's first use in a summarizing JVM: fail with the reason (no driver, no GPU) rather
    // than ND4J's "Could not initialize class".
    Nd4jBackends.requireLoadable();
    return Nd4j.getBackend().getClass().getSimpleName().contains("Cublas");
  }
}
