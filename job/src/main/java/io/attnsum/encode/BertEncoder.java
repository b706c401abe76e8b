package io.attnsum.encode;

import java.io.InputStream;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The forward pass of a BERT-family encoder ({@link OnnxBertModel}) on ND4J: token ids in, the
 * last layer's token states out, many sentences per call.
 *
 * <p><b>Batching.</b> Every step of a layer except attention treats tokens independently, so the
 * tokens of all sentences of a pass are packed without padding into one {@code [tokens, hidden]}
 * matrix: the matrix products (fused query/key/value, attention output, feed-forward), which are
 * nearly all of the work, run once per pass on every real token and no padding. Only attention
 * sees sentences: it runs on groups of sentences padded to the same length, a multiple of {@value
 * #PAD_MULTIPLE} (so a sentence is always attended in the same shape, whichever sentences share
 * its group), as batched ND4J matmuls over {@code [sentences, heads, length, headSize]}; padded
 * keys get weight exactly 0 (the softmax runs over a sentence's real keys only, as an additive −∞
 * mask would make it), and padded queries are never read back. Sentences are sorted by length so
 * that each pass has few groups; results come back in input order.
 *
 * <p><b>Numerics.</b> Matrix products by ND4J (BLAS sgemm); bias, residual, LayerNorm, GELU and
 * softmax by {@link LayerKernels}, fused into one pass over each block (ND4J would make a pass
 * per elementary op). The GELU is the exact erf one through a rational approximation of erf with
 * absolute error below 4e-7. A sentence's states do not depend on the other sentences of the call:
 * every row-wise step is the same code on the same row, and its attention shape depends on its own
 * length only.
 *
 * <p><b>Threads and memory.</b> One instance serves every thread of a JVM: the weights are
 * read-only (about the ONNX file's size, off-heap), and each call works in its calling thread's
 * ND4J workspaces, sized by the largest pass seen and reused call after call: per token of a pass
 * {@code 6·hidden + intermediate} floats for the residual stream and the products, {@code
 * 4·hidden} for attention, plus at most {@value #SCORE_BUDGET} attention scores; about 75 MB per
 * thread for all-MiniLM-L6-v2 and 90 MB for bge-small-zh-v1.5 with 20% headroom. {@link
 * #releaseThreadMemory()} frees the calling thread's. Each ND4J op runs on ND4J's and OpenBLAS's
 * own thread pools ({@code OMP_NUM_THREADS}); with several task threads per JVM, one native thread
 * per task slot keeps the cores from being oversubscribed (warned once otherwise).
 */
public final class BertEncoder {
  private static final Logger LOG = LoggerFactory.getLogger(BertEncoder.class);
  /** Attention lengths are multiples of this, so a sentence is always attended in one shape. */
  static final int PAD_MULTIPLE = 8;
  /** Real tokens per pass (one more sentence may take it over): bounds the activations. */
  static final int PASS_TOKENS = 2048;
  /** Attention scores per batched matmul, {@code sentences · heads · length²}: bounds memory. */
  static final long SCORE_BUDGET = 1L << 22;

  private static final WorkspaceConfiguration WORKSPACE = Nd4jWorkspaces.REUSED;

  private record LayerArrays(
      INDArray qkvWeight, // [H, 3H]: query (pre-scaled) | key | value
      float[] qkvBias, // [3H]
      INDArray outWeight, // [H, H]
      float[] outBias,
      float[] norm1Gamma,
      float[] norm1Beta,
      INDArray inWeight, // [H, F]
      float[] inBias, // [F]
      INDArray ffnOutWeight, // [F, H]
      float[] ffnOutBias,
      float[] norm2Gamma,
      float[] norm2Beta) {}

  private final String file;
  private final String sha256;
  private final BertConfig config;
  private final INDArray word; // [V, H]
  private final float[] positionType; // [P, H]: position + token type 0
  private final float[] embeddingGamma;
  private final float[] embeddingBeta;
  private final LayerArrays[] layers;
  private final int padMultiple;
  private final int minRows;
  private final AtomicInteger activeCalls = new AtomicInteger();
  private final AtomicBoolean oversubscriptionReported = new AtomicBoolean();
  private final String workspaceId = "attnsum-bert-" + System.identityHashCode(this);
  private final String attentionWorkspaceId = workspaceId + "-attention";

  /** Reads and checks the ONNX file, then loads it (see {@link OnnxBertModel#read}). */
  public static BertEncoder load(InputStream in, String file) {
    long start = System.nanoTime();
    BertEncoder encoder = new BertEncoder(OnnxBertModel.read(in, file));
    LOG.info("Encoder {} loaded in {} ms: {}, sha256 {}", file,
        (System.nanoTime() - start) / 1_000_000, encoder.config(), encoder.sha256());
    return encoder;
  }

  /** Copies the model's weights into ND4J arrays; the model itself is not kept. */
  public BertEncoder(OnnxBertModel model) {
    this(model, PAD_MULTIPLE);
  }

  /** With attention lengths padded to multiples of {@code padMultiple} (1: no padding). */
  BertEncoder(OnnxBertModel model, int padMultiple) {
    this.padMultiple = padMultiple;
    // OpenBLAS (the bundled 0.3.21, on AVX-512 machines) computes an sgemm with M·N·K <= 100³
    // by a small-matrix kernel that rounds differently from its blocked one: a sentence encoded
    // alone (M = its length) would differ in the last bits from the same sentence in a batch.
    // Every product here has N·K >= hidden², so at least this many rows keeps each one on the
    // blocked kernel (with margin: 2²⁰ > 100³).
    this.minRows = (1 << 20) / (model.config().hidden() * model.config().hidden()) + 1;
    this.file = model.file();
    this.sha256 = model.sha256();
    this.config = model.config();
    int h = config.hidden();
    float[] pt = model.positionEmbeddings().clone();
    float[] type0 = model.tokenTypeEmbeddings();
    for (int i = 0; i < pt.length; i++) {
      pt[i] += type0[i % h];
    }
    positionType = pt;
    embeddingGamma = model.embeddingNorm().gamma();
    embeddingBeta = model.embeddingNorm().beta();
    try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
      word = matrix(model.wordEmbeddings(), config.vocabSize(), h);
      layers = new LayerArrays[config.layers()];
      for (int l = 0; l < layers.length; l++) {
        layers[l] = arrays(model.layers().get(l), config);
      }
    }
  }

  private static LayerArrays arrays(OnnxBertModel.Layer layer, BertConfig c) {
    int h = c.hidden();
    float scale = c.attentionScale();
    float[] qkv = new float[h * 3 * h];
    float[] qkvBias = new float[3 * h];
    OnnxBertModel.Dense[] parts = {layer.query(), layer.key(), layer.value()};
    for (int p = 0; p < 3; p++) {
      // The attention scale is folded into the query projection: (s·q)·k = s·(q·k).
      float f = p == 0 ? scale : 1f;
      float[] w = parts[p].weight();
      for (int i = 0; i < h; i++) {
        for (int j = 0; j < h; j++) {
          qkv[i * 3 * h + p * h + j] = w[i * h + j] * f;
        }
      }
      for (int j = 0; j < h; j++) {
        qkvBias[p * h + j] = parts[p].bias()[j] * f;
      }
    }
    return new LayerArrays(
        matrix(qkv, h, 3 * h),
        qkvBias,
        matrix(layer.attentionOutput().weight(), h, h),
        layer.attentionOutput().bias(),
        layer.attentionNorm().gamma(),
        layer.attentionNorm().beta(),
        matrix(layer.intermediate().weight(), h, c.intermediate()),
        layer.intermediate().bias(),
        matrix(layer.output().weight(), c.intermediate(), h),
        layer.output().bias(),
        layer.outputNorm().gamma(),
        layer.outputNorm().beta());
  }

  private static INDArray matrix(float[] data, int rows, int cols) {
    return Nd4j.create(data, new long[] {rows, cols}, 'c');
  }

  public BertConfig config() {
    return config;
  }

  /** Longest sequence the model takes, [CLS] and [SEP] included. */
  public int maxPositions() {
    return config.maxPositions();
  }

  /** Width of each token state. */
  public int hidden() {
    return config.hidden();
  }

  /** SHA-256 of the model file (see {@link OnnxBertModel#sha256()}). */
  public String sha256() {
    return sha256;
  }

  /** The model file's name as it was loaded. */
  public String file() {
    return file;
  }

  /**
   * The last hidden states of each sequence.
   *
   * <p>The states of every sequence of a call are returned at once ({@code 4·length·hidden} bytes
   * each): give it a few thousand sentences at a time rather than a whole partition.
   *
   * @param sequences token ids, each already [CLS] ... [SEP], 1..{@link #maxPositions()} long
   * @return per sequence, in input order, its states row-major {@code [length, hidden]}
   * @throws IllegalArgumentException if a sequence is empty, too long or has an id outside the
   *     vocabulary
   */
  public float[][] encode(List<int[]> sequences) {
    int callers = activeCalls.incrementAndGet();
    try {
      if (callers > 1) {
        reportOversubscription(callers);
      }
      return encodeSorted(sequences);
    } finally {
      activeCalls.decrementAndGet();
    }
  }

  /**
   * Warns once when concurrent calls, each running ND4J's ops on several native threads, ask for
   * more threads than the machine has cores.
   */
  private void reportOversubscription(int callers) {
    int threads = Nd4j.getEnvironment().maxMasterThreads();
    int cores = Runtime.getRuntime().availableProcessors();
    if (threads > 1 && callers * threads > cores && !oversubscriptionReported.getAndSet(true)) {
      LOG.warn("{} concurrent encoder calls with {} ND4J threads each on {} cores: set"
          + " OMP_NUM_THREADS=1 for one native thread per task slot", callers, threads, cores);
    }
  }

  private float[][] encodeSorted(List<int[]> sequences) {
    int n = sequences.size();
    Integer[] boxed = new Integer[n];
    for (int i = 0; i < n; i++) {
      check(sequences.get(i), i);
      boxed[i] = i;
    }
    Arrays.sort(boxed, (a, b) -> Integer.compare(sequences.get(a).length, sequences.get(b).length));
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = boxed[i];
    }
    float[][] out = new float[n][];
    int start = 0;
    while (start < n) {
      int end = start;
      int tokens = 0;
      while (end < n && (end == start || tokens + lengthOf(sequences, order[end]) <= PASS_TOKENS)) {
        tokens += lengthOf(sequences, order[end]);
        end++;
      }
      forward(sequences, Arrays.copyOfRange(order, start, end), out);
      start = end;
    }
    return out;
  }

  private static int lengthOf(List<int[]> sequences, int index) {
    return sequences.get(index).length;
  }

  private void check(int[] ids, int index) {
    if (ids.length == 0 || ids.length > config.maxPositions()) {
      throw new IllegalArgumentException("sequence " + index + " has " + ids.length
          + " tokens; the encoder takes 1.." + config.maxPositions());
    }
    for (int id : ids) {
      if (id < 0 || id >= config.vocabSize()) {
        throw new IllegalArgumentException("sequence " + index + " has token id " + id
            + " outside the vocabulary 0.." + (config.vocabSize() - 1));
      }
    }
  }

  /** The length a sentence is padded to for attention. */
  int attentionLength(int length) {
    int p = (length + padMultiple - 1) / padMultiple * padMultiple;
    return Math.min(p, config.maxPositions());
  }

  /**
   * One pass: the sentences {@code members} (indices into {@code sequences}, sorted by length),
   * packed.
   */
  private void forward(List<int[]> sequences, int[] members, float[][] out) {
    int count = members.length;
    int h = config.hidden();
    int f = config.intermediate();
    int[] lengths = new int[count];
    int[] offsets = new int[count + 1];
    for (int s = 0; s < count; s++) {
      lengths[s] = sequences.get(members[s]).length;
      offsets[s + 1] = offsets[s] + lengths[s];
    }
    // Rows of the packed matrices: the real tokens, and zero-id rows up to minRows (see there).
    int tokens = Math.max(offsets[count], minRows);
    int[] ids = new int[tokens];
    for (int s = 0; s < count; s++) {
      System.arraycopy(sequences.get(members[s]), 0, ids, offsets[s], lengths[s]);
    }
    int[][] groups = attentionGroups(lengths);
    float eps = config.layerNormEpsilon();
    Scratch scratch = new Scratch(Math.max(3 * h, f), config.maxPositions());
    try (MemoryWorkspace ignored =
        Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, workspaceId)) {
      INDArray x = Nd4j.pullRows(word, 1, ids); // [tokens, H]: the residual stream
      FloatBuffer xb = x.data().asNioFloat();
      LayerKernels.embeddingNorm(xb, lengths, offsets, h, positionType, embeddingGamma,
          embeddingBeta, eps, scratch.rowA, scratch.rowB);
      INDArray qkv = Nd4j.createUninitialized(DataType.FLOAT, tokens, 3L * h);
      INDArray merged = Nd4j.create(DataType.FLOAT, tokens, h); // zeros: padded rows stay 0
      INDArray projected = Nd4j.createUninitialized(DataType.FLOAT, tokens, h);
      INDArray inner = Nd4j.createUninitialized(DataType.FLOAT, tokens, f);
      for (LayerArrays l : layers) {
        Nd4j.gemm(x, l.qkvWeight(), qkv, false, false, 1.0, 0.0);
        FloatBuffer qkvb = qkv.data().asNioFloat();
        FloatBuffer mergedb = merged.data().asNioFloat();
        for (int[] g : groups) {
          attend(g, lengths, offsets, l.qkvBias(), qkvb, mergedb, scratch);
        }
        Nd4j.gemm(merged, l.outWeight(), projected, false, false, 1.0, 0.0);
        LayerKernels.biasResidualNorm(projected.data().asNioFloat(), xb, tokens, h, l.outBias(),
            l.norm1Gamma(), l.norm1Beta(), eps, scratch.rowA, scratch.rowB);
        Nd4j.gemm(x, l.inWeight(), inner, false, false, 1.0, 0.0);
        LayerKernels.biasGelu(inner.data().asNioFloat(), tokens, f, l.inBias(), scratch.rowA);
        Nd4j.gemm(inner, l.ffnOutWeight(), projected, false, false, 1.0, 0.0);
        LayerKernels.biasResidualNorm(projected.data().asNioFloat(), xb, tokens, h,
            l.ffnOutBias(), l.norm2Gamma(), l.norm2Beta(), eps, scratch.rowA, scratch.rowB);
      }
      for (int s = 0; s < count; s++) {
        float[] o = new float[lengths[s] * h];
        xb.get(offsets[s] * h, o, 0, o.length);
        out[members[s]] = o;
      }
    }
  }

  /**
   * Consecutive sentences (sorted by length) attended together: {first, count, length} with the
   * same attention length and at most {@link #SCORE_BUDGET} scores.
   */
  private int[][] attentionGroups(int[] lengths) {
    int[][] groups = new int[lengths.length][];
    int n = 0;
    int start = 0;
    while (start < lengths.length) {
      int t = attentionLength(lengths[start]);
      long perSentence = (long) config.heads() * t * t;
      int limit = (int) Math.max(1, SCORE_BUDGET / perSentence);
      int end = start + 1;
      while (end < lengths.length && end - start < limit && attentionLength(lengths[end]) == t) {
        end++;
      }
      groups[n++] = new int[] {start, end - start, t};
      start = end;
    }
    return Arrays.copyOf(groups, n);
  }

  /**
   * Multi-head self-attention of one group {first, count, length}: softmax(q·kᵀ + mask)·v per
   * sentence and head, q pre-scaled, written to the group's rows of {@code merged}.
   */
  private void attend(int[] group, int[] lengths, int[] offsets, float[] qkvBias, FloatBuffer qkv,
      FloatBuffer merged, Scratch scratch) {
    int first = group[0];
    int count = group[1];
    int t = group[2];
    int nh = config.heads();
    int dh = config.headSize();
    // A workspace of its own, reset after each group: the groups of all layers reuse its memory.
    try (MemoryWorkspace ignored =
        Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, attentionWorkspaceId)) {
      INDArray q = Nd4j.createUninitialized(DataType.FLOAT, count, nh, t, dh);
      INDArray k = Nd4j.createUninitialized(DataType.FLOAT, count, nh, t, dh);
      INDArray v = Nd4j.createUninitialized(DataType.FLOAT, count, nh, t, dh);
      INDArray scores = Nd4j.createUninitialized(DataType.FLOAT, count, nh, t, t);
      INDArray context = Nd4j.createUninitialized(DataType.FLOAT, count, nh, t, dh);
      LayerKernels.splitHeads(qkv, qkvBias, lengths, offsets, first, count, t, nh, dh,
          q.data().asNioFloat(), k.data().asNioFloat(), v.data().asNioFloat(), scratch.rowA);
      Nd4j.matmul(q, k, scores, false, true, false); // [count, nh, t, t]
      LayerKernels.maskedSoftmax(scores.data().asNioFloat(), lengths, first, count, nh, t,
          scratch.scores);
      Nd4j.matmul(scores, v, context, false, false, false); // [count, nh, t, dh]
      LayerKernels.mergeHeads(context.data().asNioFloat(), lengths, offsets, first, count, t, nh,
          dh, merged, scratch.rowA);
    }
  }

  /** Frees the calling thread's workspace (the next call on this thread allocates it again). */
  public void releaseThreadMemory() {
    for (String id : List.of(workspaceId, attentionWorkspaceId)) {
      Nd4j.getWorkspaceManager().destroyWorkspace(
          Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread(WORKSPACE, id));
    }
  }

  /** Per-call scratch rows for {@link LayerKernels}. */
  private static final class Scratch {
    final float[] rowA;
    final float[] rowB;
    final float[] scores;

    Scratch(int width, int maxPositions) {
      rowA = new float[width];
      rowB = new float[width];
      scores = new float[maxPositions];
    }
  }
}
