package io.attnsum.bench;

import io.attnsum.attention.AttentionKernel;
import io.attnsum.attention.BatchedSelfAttention;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of the attention stage on one padded batch (one op = one batch of {@code batch}
 * sentences): the project's batched code ({@link BatchedSelfAttention}) with each of its kernels
 * (ND4J's batched matmul, the CUDA path; the Java Vector API kernel, what the job runs on CPU),
 * the same math as one ND4J op chain per sentence, and plain Java loops. {@link
 * AttentionBenchRunner} turns ops/s into sentences/s and GFLOP/s with {@link
 * AttentionWorkload#flops()}. Run through scripts/bench.sh.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AttentionBenchmark {
  /** Padded tokens per sentence window (a multiple of 8, as the pooler pads). */
  @Param({"8", "16", "32", "64"})
  public int tokens;

  /** Word-vector dimension. */
  @Param({"100", "300"})
  public int dim;

  /** Sentence windows per batch ({@code attention.batch-size}). */
  @Param({"64", "256", "1024"})
  public int batch;

  private AttentionWorkload workload;
  private BatchedSelfAttention batched;
  private BatchedSelfAttention javaKernel;
  private PerSentenceAttention perSentence;
  private LoopAttention loop;
  private float[] bias;
  private float[] pooled;
  private float[] alpha;

  @Setup(Level.Trial)
  public void setUp() {
    Nd4j.create(1); // load the native backend outside the measurement
    workload = new AttentionWorkload(batch, tokens, dim, 42);
    batched = new BatchedSelfAttention(AttentionKernel.ND4J);
    javaKernel = new BatchedSelfAttention(AttentionKernel.JAVA_VECTOR);
    perSentence = new PerSentenceAttention();
    loop = new LoopAttention();
    bias = workload.bias.clone();
    pooled = new float[batch * dim];
    alpha = new float[batch * tokens];
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    batched.close();
    javaKernel.close();
    perSentence.close();
  }

  @Benchmark
  public void batchedNd4j(Blackhole bh) {
    attend(batched, bh);
  }

  /** The same batch with H·Hᵀ and H·q by the Java kernel: what the job runs on ND4J's CPU backend. */
  @Benchmark
  public void batchedJavaKernel(Blackhole bh) {
    attend(javaKernel, bh);
  }

  private void attend(BatchedSelfAttention attention, Blackhole bh) {
    // attendAndPool overwrites the padded part of the bias (scratch by contract); the real part
    // is never written, so reusing the copy keeps every call identical.
    attention.attendAndPool(workload.h, workload.rows, workload.lengths, null, workload.queries,
        workload.noShares, bias, workload.poolScale, batch, tokens, dim, pooled, alpha);
    bh.consume(pooled);
  }

  @Benchmark
  public void perSentenceNd4j(Blackhole bh) {
    perSentence.attendAndPool(workload, pooled, alpha);
    bh.consume(pooled);
  }

  @Benchmark
  public void plainJavaLoop(Blackhole bh) {
    loop.attendAndPool(workload, pooled, alpha);
    bh.consume(pooled);
  }
}
