package io.attnsum.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Static packs distilled from the tiny BERT ({@link TinyBert}). */
class StaticDistillerTest {
  private static final BertEncoder ENCODER = new BertEncoder(TinyBert.model());
  private static final WordPieceTokenizer TOKENIZER = TinyBert.tokenizer();
  private static final PieceFrequencies FREQUENCIES = new PieceFrequencies(TOKENIZER);

  @AfterAll
  static void release() {
    ENCODER.releaseThreadMemory();
  }

  @Test
  void aPackBuiltTwiceIsTheSameBytes() throws IOException {
    byte[] first = bytes(StaticDistiller.distil(ENCODER, TOKENIZER, 16, 1e-3));
    // Another encoder instance over a fresh read of the file, as another run would have.
    BertEncoder other = new BertEncoder(TinyBert.model());
    byte[] second = bytes(StaticDistiller.distil(other, TinyBert.tokenizer(), 16, 1e-3));
    other.releaseThreadMemory();
    assertThat(second).isEqualTo(first);
  }

  @Test
  void specialAndUnusedPiecesGetZeroRowsAndEveryOtherPieceAVector() {
    VectorPack pack = StaticDistiller.distil(ENCODER, TOKENIZER, 16, 1e-3);
    assertThat(pack.size()).isEqualTo(TinyBert.VOCAB_SIZE);
    List<String> zero = new ArrayList<>();
    for (int id = 0; id < pack.size(); id++) {
      assertThat(pack.word(id)).isEqualTo(TOKENIZER.piece(id));
      if (isZero(pack, id)) {
        zero.add(pack.word(id));
      }
    }
    assertThat(zero).containsExactly("[PAD]", "[unused0]", "[unused1]", "[unused2]", "[unused3]",
        "[unused4]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");
    // Rows count as the pieces' Zipf estimates; pieces without meaning count nothing.
    for (int id = 0; id < pack.size(); id++) {
      assertThat(pack.count(id)).isEqualTo(FREQUENCIES.count(id));
    }
    assertThat(pack.count(TinyBert.CLS)).isZero();
  }

  @Test
  void dimensionsAreTheConfiguredComponentsOrTheEncodersWidth() {
    assertThat(StaticDistiller.distil(ENCODER, TOKENIZER, 8, 0).dim()).isEqualTo(8);
    assertThat(StaticDistiller.distil(ENCODER, TOKENIZER, 0, 0).dim()).isEqualTo(TinyBert.HIDDEN);
    // reference.conf's 256 on a narrower encoder keeps its width instead of failing the run.
    int configured = io.attnsum.testing.TestSettings.job().encoder().staticDimensions();
    assertThat(configured).isGreaterThan(TinyBert.HIDDEN);
    assertThat(StaticDistiller.distil(ENCODER, TOKENIZER, configured, 0).dim())
        .isEqualTo(TinyBert.HIDDEN);
  }

  /**
   * Model2Vec's recipe before PCA: a piece's vector is the mean of the three output states of
   * [SEP] piece [CLS]. With every component kept, PCA only centres and rotates, so the distances
   * between rows are those between the pieces' mean states, computed here from the encoder in
   * float64.
   */
  @Test
  void withEveryComponentKeptRowsAreThePiecesMeanStatesCentredAndRotated() {
    VectorPack pack = StaticDistiller.distil(ENCODER, TOKENIZER, 0, 0);
    int[] pieces = {ids("the"), ids("government"), ids("##ing"), ids("a"), ids("法")};
    List<int[]> framed = new ArrayList<>();
    for (int id : pieces) {
      framed.add(new int[] {TinyBert.SEP, id, TinyBert.CLS});
    }
    float[][] states = ENCODER.encode(framed);
    int h = TinyBert.HIDDEN;
    double[][] means = new double[pieces.length][h];
    for (int p = 0; p < pieces.length; p++) {
      for (int j = 0; j < h; j++) {
        means[p][j] = ((double) states[p][j] + states[p][h + j] + states[p][2 * h + j]) / 3;
      }
    }
    for (int a = 0; a < pieces.length; a++) {
      for (int b = a + 1; b < pieces.length; b++) {
        double expected = 0;
        double got = 0;
        for (int j = 0; j < h; j++) {
          expected += Math.pow(means[a][j] - means[b][j], 2);
          got += Math.pow((double) pack.data()[pieces[a] * h + j] - pack.data()[pieces[b] * h + j],
              2);
        }
        assertThat(Math.sqrt(got)).as("distance %s-%s", pack.word(pieces[a]), pack.word(pieces[b]))
            .isCloseTo(Math.sqrt(expected), within(1e-4));
      }
    }
  }

  /** sif-a only scales each row by a / (a + p), p the piece's Zipf probability. */
  @Test
  void theSifConstantOnlyScalesRows() {
    double a = 1e-3;
    VectorPack plain = StaticDistiller.distil(ENCODER, TOKENIZER, 16, 0);
    VectorPack weighted = StaticDistiller.distil(ENCODER, TOKENIZER, 16, a);
    int dim = plain.dim();
    double smallest = 1;
    double largest = 0;
    for (int id = 0; id < plain.size(); id++) {
      double w = FREQUENCIES.meaningful(id) ? a / (a + FREQUENCIES.probability(id)) : 0;
      smallest = Math.min(smallest, FREQUENCIES.meaningful(id) ? w : 1);
      largest = Math.max(largest, w);
      for (int j = 0; j < dim; j++) {
        double expected = w * plain.data()[id * dim + j];
        assertThat((double) weighted.data()[id * dim + j]).as("piece %d, component %d", id, j)
            .isCloseTo(expected, within(1e-6 * Math.max(1, Math.abs(expected))));
      }
    }
    // The weights do differ: frequent (early) pieces are scaled down far more than rare ones.
    assertThat(smallest).isLessThan(0.1);
    assertThat(largest).isGreaterThan(0.5);
  }

  private static int ids(String piece) {
    int id = TinyBert.VOCAB.indexOf(piece);
    assertThat(id).as(piece).isNotNegative();
    return id;
  }

  static boolean isZero(VectorPack pack, int row) {
    for (int j = 0; j < pack.dim(); j++) {
      if (pack.data()[row * pack.dim() + j] != 0f) {
        return false;
      }
    }
    return true;
  }

  private static byte[] bytes(VectorPack pack) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    pack.write(out);
    return out.toByteArray();
  }
}
