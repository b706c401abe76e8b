package io.attnsum.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The forward pass against ONNX Runtime running the same model file, on 300 real sentences per
 * language tokenized by Hugging Face's tokenizers; and the batching guarantees: a sentence's states
 * do not depend on the sentences that share its call, and padding is invisible.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BertEncoderTest {
  /** Hidden states within this of ONNX Runtime's, everywhere. */
  private static final double STATE_TOLERANCE = 1e-4;
  /** Pooled sentence vectors at least this close (cosine) to ONNX Runtime's. */
  private static final double MIN_COSINE = 0.9999;
  /** Sentences per language compared with ONNX Runtime, batched and one by one. */
  private static final int SENTENCES = 200;
  /** Sentences per language in the cheaper checks. */
  private static final int SUBSET = 60;

  /** Per model: the encoder, the sentences and ONNX Runtime's states, built once. */
  private record Fixture(OnnxBertModel model, BertEncoder encoder, List<int[]> ids,
      float[][] reference, float[][] batched) {}

  private final Map<ReferenceModels, Fixture> fixtures = new EnumMap<>(ReferenceModels.class);

  private Fixture fixture(ReferenceModels m) throws OrtException {
    Fixture f = fixtures.get(m);
    if (f == null) {
      OnnxBertModel model = m.read();
      BertEncoder encoder = new BertEncoder(model);
      List<int[]> ids = m.tokenIds().subList(0, SENTENCES);
      // The reference: ONNX Runtime on each sentence alone, no padding at all.
      float[][] reference = new float[ids.size()][];
      try (OrtSession session = m.onnxRuntime(1)) {
        for (int i = 0; i < ids.size(); i++) {
          reference[i] = ReferenceModels.run(session, List.of(ids.get(i)))[0];
        }
      }
      f = new Fixture(model, encoder, ids, reference, encoder.encode(ids));
      fixtures.put(m, f);
    }
    return f;
  }

  @AfterAll
  void release() {
    for (Fixture f : fixtures.values()) {
      f.encoder().releaseThreadMemory();
    }
  }

  @ParameterizedTest
  @EnumSource(ReferenceModels.class)
  void batchedStatesMatchOnnxRuntime(ReferenceModels m) throws OrtException {
    Fixture f = fixture(m);
    assertThat(f.ids()).hasSizeGreaterThanOrEqualTo(200);
    int hidden = f.encoder().hidden();
    double worst = 0;
    double worstCosine = 1;
    for (int i = 0; i < f.ids().size(); i++) {
      float[] ours = f.batched()[i];
      float[] ort = f.reference()[i];
      assertThat(ours).hasSameSizeAs(ort);
      worst = Math.max(worst, maxAbsDiff(ours, ort));
      worstCosine = Math.min(worstCosine,
          cosine(m.pooling().pool(ours, hidden), referencePool(m.pooling(), ort, hidden)));
    }
    assertThat(worst).as("max |ours - ONNX Runtime| over all states").isLessThanOrEqualTo(
        STATE_TOLERANCE);
    assertThat(worstCosine).as("min cosine of pooled vectors").isGreaterThanOrEqualTo(MIN_COSINE);
  }

  /**
   * Each sentence alone, in the whole set in file order, and in a shuffled subset: bit-identical
   * states every time, so the states of the sentences one by one are within the tolerance of ONNX
   * Runtime too.
   */
  @ParameterizedTest
  @EnumSource(ReferenceModels.class)
  void statesDoNotDependOnTheOtherSentencesOfACall(ReferenceModels m) throws Exception {
    Fixture f = fixture(m);
    List<int[]> ids = f.ids();
    // One by one on two threads (the test JVM's ND4J runs one native thread per call).
    float[][] alone = new float[ids.size()][];
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> halves = new ArrayList<>();
      for (int half = 0; half < 2; half++) {
        int first = half;
        halves.add(pool.submit(() -> {
          for (int i = first; i < ids.size(); i += 2) {
            alone[i] = f.encoder().encode(List.of(ids.get(i)))[0];
          }
          f.encoder().releaseThreadMemory();
        }));
      }
      for (Future<?> h : halves) {
        h.get();
      }
    } finally {
      pool.shutdownNow();
    }
    for (int i = 0; i < ids.size(); i++) {
      assertThat(alone[i]).as("sentence %d alone vs in the file-order call", i)
          .isEqualTo(f.batched()[i]);
    }
    List<Integer> shuffled = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      shuffled.add(i);
    }
    Collections.shuffle(shuffled, new Random(5));
    shuffled = shuffled.subList(0, SUBSET);
    float[][] mixed = f.encoder().encode(shuffled.stream().map(ids::get).toList());
    for (int k = 0; k < shuffled.size(); k++) {
      assertThat(mixed[k]).as("sentence %d in a shuffled subset", shuffled.get(k))
          .isEqualTo(f.batched()[shuffled.get(k)]);
    }
  }

  /** Attention over exactly the real tokens (no padded keys at all) agrees with the padded one. */
  @ParameterizedTest
  @EnumSource(ReferenceModels.class)
  void paddedAttentionAgreesWithUnpadded(ReferenceModels m) throws OrtException {
    Fixture f = fixture(m);
    BertEncoder exact = new BertEncoder(f.model(), 1);
    float[][] unpadded = exact.encode(f.ids().subList(0, SUBSET));
    exact.releaseThreadMemory();
    double vsPadded = 0;
    double vsReference = 0;
    for (int i = 0; i < SUBSET; i++) {
      vsPadded = Math.max(vsPadded, maxAbsDiff(unpadded[i], f.batched()[i]));
      vsReference = Math.max(vsReference, maxAbsDiff(unpadded[i], f.reference()[i]));
    }
    assertThat(vsPadded).as("unpadded vs padded").isLessThanOrEqualTo(STATE_TOLERANCE);
    assertThat(vsReference).as("unpadded vs ONNX Runtime").isLessThanOrEqualTo(STATE_TOLERANCE);
  }

  /**
   * Sequences up to the model's 512 positions (real sentences' ids run together), in one call
   * with short ones: the longest attention groups and a pass over the token budget.
   */
  @Test
  void longSequencesUpToMaxPositionsMatchOnnxRuntime() throws OrtException {
    Fixture f = fixture(ReferenceModels.MINILM);
    List<int[]> batch = new ArrayList<>();
    for (int length : new int[] {512, 509, 300, 129}) {
      int[] ids = new int[length];
      int filled = 0;
      for (int s = 0; filled < length; s++) {
        int[] sentence = f.ids().get(s);
        int n = Math.min(sentence.length, length - filled);
        System.arraycopy(sentence, 0, ids, filled, n);
        filled += n;
      }
      batch.add(ids);
    }
    batch.addAll(f.ids().subList(0, 10));
    float[][] ours = f.encoder().encode(batch);
    try (OrtSession session = ReferenceModels.MINILM.onnxRuntime(1)) {
      for (int i = 0; i < batch.size(); i++) {
        float[] ort = ReferenceModels.run(session, List.of(batch.get(i)))[0];
        assertThat(maxAbsDiff(ours[i], ort)).as("sequence %d, %d tokens", i, batch.get(i).length)
            .isLessThanOrEqualTo(STATE_TOLERANCE);
      }
    }
  }

  @Test
  void concurrentCallsFromSeveralThreadsGiveTheSingleThreadStates() throws Exception {
    Fixture f = fixture(ReferenceModels.MINILM);
    List<int[]> some = f.ids().subList(0, SUBSET);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<float[][]>> runs = new ArrayList<>();
      for (int r = 0; r < 3; r++) {
        runs.add(pool.submit(() -> {
          float[][] out = f.encoder().encode(some);
          f.encoder().releaseThreadMemory();
          return out;
        }));
      }
      for (Future<float[][]> run : runs) {
        float[][] out = run.get();
        for (int i = 0; i < some.size(); i++) {
          assertThat(out[i]).as("sentence %d", i).isEqualTo(f.batched()[i]);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void rejectsSequencesItCannotEncode() throws OrtException {
    BertEncoder encoder = fixture(ReferenceModels.MINILM).encoder();
    assertThatThrownBy(() -> encoder.encode(List.of(new int[0])))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..512");
    assertThatThrownBy(() -> encoder.encode(List.of(new int[513])))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("513 tokens");
    assertThatThrownBy(() -> encoder.encode(List.of(new int[] {101, 30522, 102})))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token id 30522");
    assertThat(encoder.encode(List.of())).isEmpty();
    assertThat(encoder.maxPositions()).isEqualTo(512);
  }

  /** ONNX Runtime's sentence vector, computed here in double. */
  private static float[] referencePool(Pooling pooling, float[] states, int hidden) {
    int length = states.length / hidden;
    float[] out = new float[hidden];
    for (int c = 0; c < hidden; c++) {
      if (pooling == Pooling.CLS) {
        out[c] = states[c];
      } else {
        double sum = 0;
        for (int t = 0; t < length; t++) {
          sum += states[t * hidden + c];
        }
        out[c] = (float) (sum / length);
      }
    }
    return out;
  }

  static double maxAbsDiff(float[] a, float[] b) {
    double worst = 0;
    for (int i = 0; i < a.length; i++) {
      worst = Math.max(worst, Math.abs((double) a[i] - b[i]));
    }
    return worst;
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }
}
