package io.attnsum.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.attnsum.config.ConfigReader;
import io.attnsum.encode.BertEncoder;
import io.attnsum.encode.ContextualEncoder;
import io.attnsum.encode.EncodedChunk;
import io.attnsum.encode.PieceFrequencies;
import io.attnsum.encode.Pooling;
import io.attnsum.encode.StaticDistiller;
import io.attnsum.encode.StaticPieceEncoder;
import io.attnsum.encode.TinyBert;
import io.attnsum.encode.TokenTable;
import io.attnsum.encode.WordPieceTokenizer;
import io.attnsum.testing.TestSettings;
import io.attnsum.text.AnalyzedDocument;
import io.attnsum.text.Sentence;
import io.attnsum.encode.VectorPack;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class AttentionPoolerTest {
  private static final int DIM = 16;
  private static final VectorPack PACK = SyntheticCorpus.numberedPack(60, DIM, 3);

  /** Float64 reference of the whole pooler for one document, sentence by sentence, no batching. */
  static double[][] reference(AnalyzedDocument doc, AttentionSettings s, VectorPack pack) {
    int[][] rows = new int[doc.sentences().size()][];
    for (Sentence sentence : doc.sentences()) {
      String[] tokens = sentence.tokens();
      rows[sentence.index()] = new int[tokens.length];
      for (int t = 0; t < tokens.length; t++) {
        rows[sentence.index()][t] = pack.indexOf(tokens[t]);
      }
    }
    return reference(rows, s, pack);
  }

  /**
   * The same for any token table: {@code sentenceRows[s]} are sentence s's rows in {@code table},
   * −1 for a token without a vector.
   */
  static double[][] reference(int[][] sentenceRows, AttentionSettings s, TokenTable table) {
    int dim = table.dim();
    float[] data = table.data();
    double[] centroid = new double[dim];
    double weight = 0;
    for (int[] sentence : sentenceRows) {
      for (int row : sentence) {
        if (row >= 0) {
          double w = prior(s, table, row);
          for (int k = 0; k < dim; k++) {
            centroid[k] += w * data[row * dim + k];
          }
          weight += w;
        }
      }
    }
    double[][] out = new double[sentenceRows.length][];
    for (int si = 0; si < sentenceRows.length; si++) {
      List<Integer> rows = new ArrayList<>();
      for (int row : sentenceRows[si]) {
        if (row >= 0) {
          rows.add(row);
        }
      }
      double[] v = new double[dim];
      out[si] = v;
      if (rows.isEmpty()) {
        continue;
      }
      float[] q = new float[dim];
      for (int k = 0; k < dim; k++) {
        double mean = 0;
        for (int row : rows) {
          mean += data[row * dim + k];
        }
        q[k] = (float) (s.queryMix() * centroid[k] / weight + (1 - s.queryMix()) * mean / rows.size());
      }
      for (int start = 0; start < rows.size(); start += s.windowTokens()) {
        int len = Math.min(s.windowTokens(), rows.size() - start);
        float[] h = new float[len * dim];
        float[] bias = new float[len];
        for (int t = 0; t < len; t++) {
          int row = rows.get(start + t);
          System.arraycopy(data, row * dim, h, t * dim, dim);
          bias[t] = (float) (s.priorWeight() * Math.log(prior(s, table, row)));
        }
        double[][] r =
            BatchedSelfAttentionTest.reference(
                h, len, dim, q, bias, 1.0 / (Math.sqrt(dim) * s.poolTemperature()));
        for (int k = 0; k < dim; k++) {
          v[k] += (double) len / rows.size() * r[0][k];
        }
      }
    }
    return out;
  }

  private static double prior(AttentionSettings s, TokenTable table, int row) {
    return s.prior().weight((double) table.count(row) / table.totalCount(), s.sifA(),
        table.totalCount());
  }

  private static List<AnalyzedDocument> randomDocs(long seed, int count) {
    return SyntheticCorpus.randomDocs("d", new Random(seed), count, 60, 8, 30);
  }

  @Property(tries = 8)
  void matchesFloat64ReferenceIncludingWindows(
      @ForAll @IntRange(min = 1, max = 9) int batchSize,
      @ForAll @IntRange(min = 4, max = 40) int window,
      @ForAll("priors") TokenPrior prior,
      @ForAll("kernels") AttentionKernel kernel,
      @ForAll @IntRange(min = 0, max = 1000) int seed) {
    AttentionSettings s = TestSettings.attention("attention.batch-size=" + batchSize,
        "text.max-sentence-tokens=" + window, "attention.prior=" + ConfigReader.configName(prior),
        "attention.sif-a=1e-2", "attention.kernel=" + ConfigReader.configName(kernel));
    List<AnalyzedDocument> docs = randomDocs(seed, 5);
    List<PooledSentences> pooled = pool(s, docs);
    for (int d = 0; d < docs.size(); d++) {
      double[][] ref = reference(docs.get(d), s, PACK);
      for (int i = 0; i < ref.length; i++) {
        for (int k = 0; k < DIM; k++) {
          assertThat((double) pooled.get(d).vectors()[i * DIM + k]).isCloseTo(ref[i][k], within(2e-5));
        }
      }
    }
  }

  /** reference.conf's attention settings with α returned, in batches of sentence windows. */
  private static AttentionSettings pooling(int batchSize, int windowTokens, String... more) {
    List<String> sets = new ArrayList<>(List.of("attention.batch-size=" + batchSize,
        "text.max-sentence-tokens=" + windowTokens, "output.token-weights=true"));
    sets.addAll(List.of(more));
    return TestSettings.attention(sets.toArray(String[]::new));
  }

  /** One fresh pooler's output for {@code docs}, its workspace freed. */
  private static List<PooledSentences> pool(AttentionSettings s, List<AnalyzedDocument> docs) {
    try (AttentionPooler pooler = new AttentionPooler(s)) {
      return pooler.pool(new io.attnsum.encode.WordVectorEncoder(PACK).encode(docs, s.tokenWeights()));
    }
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<TokenPrior> priors() {
    return net.jqwik.api.Arbitraries.of(TokenPrior.class);
  }

  /** The two kernels a pooler can run (the tests' JVM has the Vector API module). */
  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<AttentionKernel> kernels() {
    return net.jqwik.api.Arbitraries.of(AttentionKernel.ND4J, AttentionKernel.JAVA_VECTOR);
  }

  @Property(tries = 6)
  void aDocumentsVectorsDoNotDependOnItsChunkBitForBit(
      @ForAll @IntRange(min = 1, max = 64) int batchSize,
      @ForAll("kernels") AttentionKernel kernel,
      @ForAll @IntRange(min = 0, max = 1000) int seed) {
    AttentionSettings s = pooling(batchSize, 12, "attention.kernel=" + ConfigReader.configName(kernel));
    List<AnalyzedDocument> docs = randomDocs(seed, 12);
    AnalyzedDocument target = docs.get(5);
    PooledSentences alone = pool(s, List.of(target)).get(0);
    PooledSentences inChunk = pool(s, docs).get(5);
    List<AnalyzedDocument> reversed = new ArrayList<>(docs.subList(3, 12));
    java.util.Collections.reverse(reversed);
    AttentionSettings halfBatch =
        pooling(1 + batchSize / 2, 12, "attention.kernel=" + ConfigReader.configName(kernel));
    PooledSentences otherChunk = pool(halfBatch, reversed).get(6);
    for (PooledSentences p : List.of(inChunk, otherChunk)) {
      assertThat(p.vectors()).isEqualTo(alone.vectors());
      assertThat(p.knownTokens()).isEqualTo(alone.knownTokens());
      for (int i = 0; i < alone.size(); i++) {
        assertThat(p.tokenWeights()[i]).isEqualTo(alone.tokenWeights()[i]);
      }
    }
  }

  @Test
  void tokenWeightsSumToOneOverKnownTokensAcrossWindowsAndUnknownsGetZero() {
    AttentionSettings s = pooling(4, 4);
    AnalyzedDocument doc =
        SyntheticCorpus.doc("d", "w1 oov w2 w3 w4 w5 w6 w7 w8 w9 w10", "oov nope", "w3");
    PooledSentences p = pool(s, List.of(doc)).get(0);
    assertThat(p.knownTokens()).containsExactly(10, 0, 1);
    float[] alpha = p.tokenWeights()[0];
    assertThat(alpha).hasSize(11);
    assertThat(alpha[1]).isEqualTo(0f);
    double sum = 0;
    for (float a : alpha) {
      sum += a;
    }
    assertThat(sum).isCloseTo(1.0, within(1e-6));
    assertThat(p.tokenWeights()[1]).containsExactly(0f, 0f);
    assertThat(p.tokenWeights()[2]).containsExactly(1f);
    // no known token: zero vector; one token: attention and pooling return that token's vector
    for (int k = 0; k < DIM; k++) {
      assertThat(p.vectors()[DIM + k]).isEqualTo(0f);
      assertThat(p.vectors()[2 * DIM + k])
          .isCloseTo(PACK.data()[PACK.indexOf("w3") * DIM + k], within(1e-6f));
    }
    // a 10-token sentence in windows of 4 is the token-weighted mean of 3 windows (4, 4, 2)
    double[][] ref = reference(doc, s, PACK);
    for (int k = 0; k < DIM; k++) {
      assertThat((double) p.vectors()[k]).isCloseTo(ref[0][k], within(2e-5));
    }
    assertThat(Arrays.equals(ref[0], reference(doc, pooling(4, 100), PACK)[0])).isFalse();
  }

  /**
   * Repeated words are attended once with their count (see AttentionPooler): each occurrence
   * gets its row's α, so repeats carry equal weights, the weights still sum to 1 over the
   * tokens, and the vector is the float64 reference's over every token.
   */
  @Test
  void repeatedWordsShareTheirWeightAndMatchTheReferenceOverEveryToken() {
    AttentionSettings s = TestSettings.attention("output.token-weights=true");
    AnalyzedDocument doc = SyntheticCorpus.doc("d", "w1 w2 w1 oov w1 w3 w2", "w4 w4");
    PooledSentences p = pool(s, List.of(doc)).get(0);
    assertThat(p.knownTokens()).containsExactly(6, 2);
    float[] alpha = p.tokenWeights()[0];
    assertThat(alpha[2]).isEqualTo(alpha[0]);
    assertThat(alpha[4]).isEqualTo(alpha[0]);
    assertThat(alpha[6]).isEqualTo(alpha[1]);
    assertThat(alpha[3]).isEqualTo(0f);
    assertThat(alpha[0]).isNotEqualTo(alpha[1]);
    double sum = 0;
    for (float a : alpha) {
      sum += a;
    }
    assertThat(sum).isCloseTo(1.0, within(1e-6));
    assertThat(p.tokenWeights()[1]).containsExactly(0.5f, 0.5f);
    double[][] ref = reference(doc, s, PACK);
    for (int i = 0; i < ref.length; i++) {
      for (int k = 0; k < DIM; k++) {
        assertThat((double) p.vectors()[i * DIM + k]).isCloseTo(ref[i][k], within(2e-5));
      }
    }
  }

  /** The tiny BERT's two kinds of token table: its token states, and its distilled pieces. */
  private static final BertEncoder TINY = new BertEncoder(TinyBert.model());
  private static final WordPieceTokenizer TINY_TOKENIZER = TinyBert.tokenizer();
  private static final VectorPack TINY_PACK =
      StaticDistiller.distil(TINY, TINY_TOKENIZER, 16, 1e-4);

  @org.junit.jupiter.api.AfterAll
  static void releaseTiny() {
    TINY.releaseThreadMemory();
  }

  /** English news sentences, a sentence of unknown pieces only, and random ones. */
  private static List<AnalyzedDocument> tinyDocs() {
    List<AnalyzedDocument> docs = new ArrayList<>(List.of(
        SyntheticCorpus.doc("n1", "The government said growth rose in the first year.",
            "😀 😀", "Music sales fell, the report said, as mobile phones took over the market",
            "Prices rose."),
        SyntheticCorpus.doc("n2", "", "The bank cut its growth figures for the economy.")));
    docs.addAll(randomDocs(8, 4));
    return docs;
  }

  private static EncodedChunk contextualChunk(List<AnalyzedDocument> docs) {
    return new ContextualEncoder(TINY, TINY_TOKENIZER, new PieceFrequencies(TINY_TOKENIZER),
        Pooling.MEAN, 16).encode(docs, true);
  }

  private static EncodedChunk staticChunk(List<AnalyzedDocument> docs) {
    return new StaticPieceEncoder(TINY_TOKENIZER, TINY_PACK).encode(docs, true);
  }

  /**
   * Attention pooling over a contextual chunk (the chunk's own token states) and over a static
   * chunk (the distilled pack), against the float64 reference, with windows shorter than some
   * sentences and every prior.
   */
  @Test
  void poolsContextualAndStaticChunksAsTheFloat64Reference() {
    List<AnalyzedDocument> docs = tinyDocs();
    for (EncodedChunk chunk : List.of(contextualChunk(docs), staticChunk(docs))) {
      for (TokenPrior prior : TokenPrior.values()) {
        AttentionSettings s = pooling(3, 5, "attention.prior=" + ConfigReader.configName(prior));
        List<PooledSentences> pooled;
        try (AttentionPooler pooler = new AttentionPooler(s)) {
          pooled = pooler.pool(chunk);
        }
        int dim = chunk.table().dim();
        for (int d = 0; d < docs.size(); d++) {
          double[][] ref = reference(chunk.rows()[d], s, chunk.table());
          assertThat(pooled.get(d).tokens()).isSameAs(chunk.tokens()[d]);
          for (int i = 0; i < ref.length; i++) {
            assertThat(pooled.get(d).knownTokens()[i]).isEqualTo(EncodedChunk.known(chunk.rows()[d][i]));
            for (int k = 0; k < dim; k++) {
              assertThat((double) pooled.get(d).vectors()[i * dim + k])
                  .as("%s, %s prior, document %d, sentence %d", chunk.table().getClass().getSimpleName(),
                      prior, d, i)
                  .isCloseTo(ref[i][k], within(2e-5));
            }
          }
        }
      }
    }
  }

  /**
   * A document's attention-pooled contextual vectors are the same bits whichever documents share
   * its chunk: its token states do not depend on them, and neither do their priors.
   */
  @Test
  void aDocumentsContextualVectorsDoNotDependOnItsChunk() {
    List<AnalyzedDocument> docs = tinyDocs();
    AttentionSettings s = pooling(4, 6);
    List<PooledSentences> all;
    List<PooledSentences> alone;
    try (AttentionPooler pooler = new AttentionPooler(s)) {
      all = pooler.pool(contextualChunk(docs));
      alone = pooler.pool(contextualChunk(List.of(docs.get(0))));
    }
    assertThat(all.get(0).vectors()).isEqualTo(alone.get(0).vectors());
    for (int i = 0; i < alone.get(0).size(); i++) {
      assertThat(all.get(0).tokenWeights()[i]).isEqualTo(alone.get(0).tokenWeights()[i]);
    }
  }

  /**
   * The model's own pooling: a contextual encoder's pooled vectors as they are, the mean of the
   * known rows for static pieces; zero vectors for sentences without known pieces (the all-[UNK]
   * one), and token weights 1 / known.
   */
  @Test
  void modelPoolingIsTheEncodersOwnOrTheMeanOfKnownRows() {
    List<AnalyzedDocument> docs = tinyDocs();
    EncodedChunk contextual = contextualChunk(docs);
    EncodedChunk statics = staticChunk(docs);
    float[][] encoderPooled = new float[docs.size()][];
    for (int d = 0; d < docs.size(); d++) {
      encoderPooled[d] = contextual.pooled()[d].clone();
    }
    List<PooledSentences> fromContextual = AttentionPooler.modelPooled(contextual, true);
    List<PooledSentences> fromStatic = AttentionPooler.modelPooled(statics, false);
    int h = TinyBert.HIDDEN;
    for (int d = 0; d < docs.size(); d++) {
      PooledSentences c = fromContextual.get(d);
      PooledSentences st = fromStatic.get(d);
      assertThat(st.tokenWeights()).isNull();
      for (int i = 0; i < c.size(); i++) {
        int[] rows = contextual.rows()[d][i];
        int known = EncodedChunk.known(rows);
        assertThat(c.knownTokens()[i]).isEqualTo(known);
        float[] own = Arrays.copyOfRange(encoderPooled[d], i * h, (i + 1) * h);
        float[] got = Arrays.copyOfRange(c.vectors(), i * h, (i + 1) * h);
        if (known == 0) {
          assertThat(got).containsOnly(0f);
        } else {
          assertThat(got).isEqualTo(own);
        }
        for (int t = 0; t < rows.length; t++) {
          assertThat(c.tokenWeights()[i][t]).isEqualTo(rows[t] < 0 ? 0f : 1f / known);
        }
        double[] mean = meanOfKnownRows(statics.rows()[d][i], TINY_PACK);
        for (int k = 0; k < TINY_PACK.dim(); k++) {
          assertThat((double) st.vectors()[i * TINY_PACK.dim() + k]).isCloseTo(mean[k], within(1e-6));
        }
      }
    }
    // The all-[UNK] sentence: the encoder pooled something, the ranking gets a zero vector.
    assertThat(EncodedChunk.known(contextual.rows()[0][1])).isZero();
    assertThat(Arrays.copyOfRange(encoderPooled[0], h, 2 * h)).isNotEqualTo(new float[h]);
  }

  private static double[] meanOfKnownRows(int[] rows, TokenTable table) {
    double[] mean = new double[table.dim()];
    int known = 0;
    for (int row : rows) {
      if (row >= 0) {
        known++;
        for (int k = 0; k < table.dim(); k++) {
          mean[k] += table.data()[row * table.dim() + k];
        }
      }
    }
    for (int k = 0; k < mean.length && known > 0; k++) {
      mean[k] /= known;
    }
    return mean;
  }
}
