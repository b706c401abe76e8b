package io.attnsum.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.attnsum.config.ConfigReader;
import io.attnsum.testing.TestSettings;
import io.attnsum.text.AnalyzedDocument;
import io.attnsum.text.Sentence;
import io.attnsum.vectors.VectorPack;
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
    int dim = pack.dim();
    double[] centroid = new double[dim];
    double weight = 0;
    for (Sentence sentence : doc.sentences()) {
      for (String token : sentence.tokens()) {
        int row = pack.indexOf(token);
        if (row >= 0) {
          double w = prior(s, pack, row);
          for (int k = 0; k < dim; k++) {
            centroid[k] += w * pack.data()[row * dim + k];
          }
          weight += w;
        }
      }
    }
    double[][] out = new double[doc.sentences().size()][];
    for (Sentence sentence : doc.sentences()) {
      List<Integer> rows = new ArrayList<>();
      for (String token : sentence.tokens()) {
        if (pack.indexOf(token) >= 0) {
          rows.add(pack.indexOf(token));
        }
      }
      double[] v = new double[dim];
      out[sentence.index()] = v;
      if (rows.isEmpty()) {
        continue;
      }
      float[] q = new float[dim];
      for (int k = 0; k < dim; k++) {
        double mean = 0;
        for (int row : rows) {
          mean += pack.data()[row * dim + k];
        }
        q[k] = (float) (s.queryMix() * centroid[k] / weight + (1 - s.queryMix()) * mean / rows.size());
      }
      for (int start = 0; start < rows.size(); start += s.windowTokens()) {
        int len = Math.min(s.windowTokens(), rows.size() - start);
        float[] h = new float[len * dim];
        float[] bias = new float[len];
        for (int t = 0; t < len; t++) {
          int row = rows.get(start + t);
          pack.copyRow(row, h, t * dim);
          bias[t] = (float) (s.priorWeight() * Math.log(prior(s, pack, row)));
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

  private static double prior(AttentionSettings s, VectorPack pack, int row) {
    return s.prior().weight((double) pack.count(row) / pack.totalCount(), s.sifA(), pack.totalCount());
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
}
