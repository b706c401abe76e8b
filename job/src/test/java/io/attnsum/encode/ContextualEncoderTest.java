package io.attnsum.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.attnsum.attention.SyntheticCorpus;
import io.attnsum.text.AnalyzedDocument;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Every sentence through the tiny BERT ({@link TinyBert}) in windows of 8 positions. */
class ContextualEncoderTest {
  /** Positions per window, [CLS] and [SEP] included: 6 pieces each. */
  private static final int MAX_TOKENS = 8;
  private static final int WINDOW = MAX_TOKENS - 2;
  private static final int H = TinyBert.HIDDEN;
  private static final BertEncoder BERT = new BertEncoder(TinyBert.model());
  private static final WordPieceTokenizer TOKENIZER = TinyBert.tokenizer();
  private static final PieceFrequencies FREQUENCIES = new PieceFrequencies(TOKENIZER);

  /** 20 pieces: windows of 6, 6, 6 and 2. */
  private static final String LONG = "the government said growth rose in the first year of the"
      + " new plans for tax and money with mobile phones";
  private static final AnalyzedDocument DOC = SyntheticCorpus.doc("d",
      LONG, "music sales fell", "", "smile 😀 [CLS] now");

  @AfterAll
  static void release() {
    BERT.releaseThreadMemory();
  }

  private static ContextualEncoder encoder(Pooling pooling) {
    return new ContextualEncoder(BERT, TOKENIZER, FREQUENCIES, pooling, MAX_TOKENS);
  }

  @Test
  void aSentenceLongerThanTheWindowIsEncodedInWindowsAndNothingIsDropped() {
    int[] pieces = TOKENIZER.pieceIds(LONG);
    assertThat(pieces).hasSize(20).doesNotContain(TinyBert.UNK);
    EncodedChunk chunk = encoder(Pooling.MEAN).encode(List.of(DOC), true);
    int[] rows = chunk.rows()[0][0];
    assertThat(rows).hasSize(20);
    assertThat(EncodedChunk.known(rows)).isEqualTo(20);
    assertThat(chunk.tokens()[0][0]).containsExactly(
        Arrays.stream(pieces).mapToObj(TOKENIZER::piece).toArray(String[]::new));
    // Each piece's row holds its state in its own window, [CLS] window [SEP], encoded alone.
    for (int start = 0; start < pieces.length; start += WINDOW) {
      float[] states = window(pieces, start);
      for (int t = start; t < Math.min(start + WINDOW, pieces.length); t++) {
        float[] row = Arrays.copyOfRange(chunk.table().data(), rows[t] * H, (rows[t] + 1) * H);
        float[] expected = Arrays.copyOfRange(states, (t - start + 1) * H, (t - start + 2) * H);
        assertThat(row).as("piece %d", t).isEqualTo(expected);
        assertThat(chunk.table().count(rows[t])).isEqualTo(FREQUENCIES.count(pieces[t]));
      }
    }
    assertThat(chunk.table().totalCount()).isEqualTo(FREQUENCIES.totalCount());
    assertThat(chunk.table().dim()).isEqualTo(H);
  }

  /** The pooled vector is the windows' pooled vectors weighted by their piece counts. */
  @Test
  void theSentenceVectorIsThePieceWeightedMeanOfItsWindows() {
    int[] pieces = TOKENIZER.pieceIds(LONG);
    for (Pooling pooling : Pooling.values()) {
      EncodedChunk chunk = encoder(pooling).encode(List.of(DOC), false);
      assertThat(chunk.tokens()).isNull();
      double[] expected = new double[H];
      for (int start = 0; start < pieces.length; start += WINDOW) {
        int len = Math.min(WINDOW, pieces.length - start);
        float[] states = window(pieces, start);
        for (int j = 0; j < H; j++) {
          double v = 0;
          if (pooling == Pooling.CLS) {
            v = states[j];
          } else {
            for (int t = 0; t < len + 2; t++) {
              v += states[t * H + j];
            }
            v /= len + 2;
          }
          expected[j] += (double) len / pieces.length * v;
        }
      }
      for (int j = 0; j < H; j++) {
        assertThat((double) chunk.pooled()[0][j]).as("%s pooling, component %d", pooling, j)
            .isCloseTo(expected[j], within(1e-5));
      }
    }
  }

  @Test
  void unknownAndSpecialPiecesHaveNoRowAndEmptySentencesNoPieces() {
    EncodedChunk chunk = encoder(Pooling.MEAN).encode(List.of(DOC), true);
    // "smile 😀 [CLS] now": the emoji is [UNK], the literal [CLS] the special piece.
    String[] tokens = chunk.tokens()[0][3];
    int[] rows = chunk.rows()[0][3];
    assertThat(tokens).contains("[UNK]", "[CLS]");
    for (int t = 0; t < tokens.length; t++) {
      boolean special = tokens[t].equals("[UNK]") || tokens[t].equals("[CLS]");
      assertThat(rows[t] < 0).as(tokens[t]).isEqualTo(special);
    }
    assertThat(EncodedChunk.known(rows)).isEqualTo(tokens.length - 2);
    assertThat(chunk.rows()[0][2]).isEmpty();
    assertThat(chunk.tokens()[0][2]).isEmpty();
    assertThat(Arrays.copyOfRange(chunk.pooled()[0], 2 * H, 3 * H)).containsOnly(0f);
    // Table rows: one per piece of the chunk, unknown ones included.
    int pieces = 0;
    for (int[] r : chunk.rows()[0]) {
      pieces += r.length;
    }
    assertThat(chunk.table().size()).isEqualTo(pieces);
    // An empty document and a chunk of empty sentences encode without calling the model.
    ContextualEncoder e = encoder(Pooling.MEAN);
    EncodedChunk empty = e.encode(List.of(SyntheticCorpus.doc("e"), SyntheticCorpus.doc("f", "")),
        false);
    assertThat(empty.rows()[0]).isEmpty();
    assertThat(empty.rows()[1][0]).isEmpty();
    assertThat(empty.table().size()).isZero();
    assertThat(e.sentencesEncoded()).isEqualTo(1);
  }

  /**
   * A document's rows point at the same vectors, and its pooled vectors are the same bits,
   * whichever documents share its chunk and in which order.
   */
  @Test
  void aDocumentsEncodingDoesNotDependOnItsChunk() {
    List<AnalyzedDocument> others = SyntheticCorpus.randomDocs("o",
        new java.util.Random(4), 6, 40, 6, 25);
    ContextualEncoder e = encoder(Pooling.MEAN);
    EncodedChunk alone = e.encode(List.of(DOC), true);
    List<AnalyzedDocument> mixed = new ArrayList<>(others);
    mixed.add(3, DOC);
    EncodedChunk shared = e.encode(mixed, true);
    List<AnalyzedDocument> reversed = new ArrayList<>(mixed);
    java.util.Collections.reverse(reversed);
    EncodedChunk again = e.encode(reversed, true);
    assertSameDocument(alone, 0, shared, 3);
    assertSameDocument(alone, 0, again, reversed.size() - 4);
    assertThat(e.sentencesEncoded()).isEqualTo(
        3L * DOC.sentences().size() + 2 * others.stream().mapToLong(d -> d.sentences().size()).sum());
  }

  private static void assertSameDocument(EncodedChunk a, int da, EncodedChunk b, int db) {
    assertThat(b.pooled()[db]).isEqualTo(a.pooled()[da]);
    assertThat(b.tokens()[db]).isDeepEqualTo(a.tokens()[da]);
    for (int s = 0; s < a.rows()[da].length; s++) {
      int[] ra = a.rows()[da][s];
      int[] rb = b.rows()[db][s];
      assertThat(rb).hasSameSizeAs(ra);
      for (int t = 0; t < ra.length; t++) {
        assertThat(rb[t] < 0).isEqualTo(ra[t] < 0);
        if (ra[t] >= 0) {
          assertThat(row(b.table(), rb[t])).isEqualTo(row(a.table(), ra[t]));
          assertThat(b.table().count(rb[t])).isEqualTo(a.table().count(ra[t]));
        }
      }
    }
    assertThat(b.table().totalCount()).isEqualTo(a.table().totalCount());
  }

  private static float[] row(TokenTable table, int r) {
    return Arrays.copyOfRange(table.data(), r * table.dim(), (r + 1) * table.dim());
  }

  /** The states of [CLS] pieces[start, start + WINDOW) [SEP], encoded on their own. */
  private static float[] window(int[] pieces, int start) {
    int len = Math.min(WINDOW, pieces.length - start);
    int[] ids = new int[len + 2];
    ids[0] = TinyBert.CLS;
    System.arraycopy(pieces, start, ids, 1, len);
    ids[len + 1] = TinyBert.SEP;
    return BERT.encode(List.of(ids))[0];
  }
}
