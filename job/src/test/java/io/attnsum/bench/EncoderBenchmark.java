package io.attnsum.bench;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.attnsum.encode.BertEncoder;
import io.attnsum.encode.ReferenceModels;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.AuxCounters;
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

/**
 * The encoder's forward pass against ONNX Runtime fp32 on the same model file and the same
 * sentences (one op = {@code sentences} real sentences from the test set, tokenized by Hugging
 * Face's tokenizers): {@link BertEncoder#encode} on the whole list, and ONNX Runtime on the same
 * sentences grouped by length rounded up to a multiple of 8 (each group one padded batch with its
 * attention mask: little padding, as the encoder's attention groups). ONNX Runtime gets as many
 * intra-op threads as ND4J has ({@code OMP_NUM_THREADS}). Run by {@link EncoderBenchRunner}.
 *
 * <p>Besides JMH's wall-clock rate, each op's CPU time on the calling thread is counted ({@link
 * CpuTime}): with one thread per engine (ND4J and ONNX Runtime then compute on the calling thread)
 * it is the engine's work alone, a ratio that holds on a machine shared with other load, where
 * the wall-clock rates of two runs minutes apart do not.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EncoderBenchmark {
  @Param({"MINILM", "BGE_ZH"})
  public ReferenceModels model;

  /** Sentences per op: the first ones of the model's test set. */
  @Param({"64"})
  public int sentences;

  private BertEncoder encoder;
  private List<int[]> ids;
  private OrtSession session;
  private final List<List<int[]>> ortBatches = new ArrayList<>();

  @Setup(Level.Trial)
  public void setUp() throws OrtException {
    encoder = new BertEncoder(model.read());
    ids = model.tokenIds().subList(0, sentences);
    session = model.onnxRuntime(threads());
    Map<Integer, List<int[]>> byLength = new TreeMap<>();
    for (int[] s : ids) {
      byLength.computeIfAbsent((s.length + 7) / 8 * 8, k -> new ArrayList<>()).add(s);
    }
    ortBatches.addAll(byLength.values());
  }

  /** ND4J's thread count in this JVM (OMP_NUM_THREADS, or ND4J's default). */
  static int threads() {
    return Nd4j.getEnvironment().maxMasterThreads();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws OrtException {
    encoder.releaseThreadMemory();
    session.close();
  }

  /** CPU time of the calling thread per iteration, and the ops it was spent on. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class CpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    public long cpuNanos;
    public long calls;

    @Setup(Level.Iteration)
    public void reset() {
      cpuNanos = 0;
      calls = 0;
    }

    long start() {
      return THREADS.getCurrentThreadCpuTime();
    }

    void stop(long start) {
      cpuNanos += THREADS.getCurrentThreadCpuTime() - start;
      calls++;
    }
  }

  @Benchmark
  public float[][] nd4jEncoder(CpuTime cpu) {
    long start = cpu.start();
    float[][] states = encoder.encode(ids);
    cpu.stop(start);
    return states;
  }

  @Benchmark
  public float[][] onnxRuntime(CpuTime cpu) throws OrtException {
    long start = cpu.start();
    float[][] last = null;
    for (List<int[]> batch : ortBatches) {
      last = ReferenceModels.run(session, batch);
    }
    cpu.stop(start);
    return last;
  }
}
