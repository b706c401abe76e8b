package io.attnsum.bench;

import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * This machine's single-precision matrix-multiply rate through ND4J (OpenBLAS sgemm on a square
 * {@code n × n} product, 2n³ FLOPs per op): the ceiling the attention stage is compared with,
 * measured in the same JMH run and with the same thread settings.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MatmulCeilingBenchmark {
  @Param({"1024"})
  public int n;

  private INDArray a;
  private INDArray b;
  private INDArray c;

  @Setup(Level.Trial)
  public void setUp() {
    Nd4j.getRandom().setSeed(7);
    a = Nd4j.rand(DataType.FLOAT, n, n);
    b = Nd4j.rand(DataType.FLOAT, n, n);
    c = Nd4j.create(DataType.FLOAT, n, n);
  }

  @Benchmark
  public void sgemm(Blackhole bh) {
    Nd4j.gemm(a, b, c, false, false, 1.0, 0.0); // c = a·b, written in place
    bh.consume(c);
  }

  /** FLOPs of one op. */
  public static double flops(int n) {
    return 2.0 * n * n * n;
  }
}
