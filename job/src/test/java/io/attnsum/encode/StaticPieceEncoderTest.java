package io.attnsum.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attnsum.attention.SyntheticCorpus;
import io.attnsum.text.AnalyzedDocument;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sentences through the tiny BERT's tokenizer into rows of its static pack. */
class StaticPieceEncoderTest {
  private static final WordPieceTokenizer TOKENIZER = TinyBert.tokenizer();

  /**
   * A pack of the tokenizer's size: row i is (i, i, i, i), but the rows of the special and unused
   * pieces (0..9, as a distilled pack has them) and rows 20..29 are zero.
   */
  private static VectorPack pack() {
    int dim = 4;
    String[] words = new String[TinyBert.VOCAB_SIZE];
    float[] data = new float[words.length * dim];
    long[] counts = new long[words.length];
    for (int id = 0; id < words.length; id++) {
      words[id] = TOKENIZER.piece(id);
      counts[id] = id + 1;
      if (id >= 10 && (id < 20 || id >= 30)) {
        Arrays.fill(data, id * dim, (id + 1) * dim, id);
      }
    }
    return new VectorPack(words, data, dim, counts);
  }

  @Test
  void rowsArePieceIdsAndZeroRowsAreUnknown() {
    StaticPieceEncoder encoder = new StaticPieceEncoder(TOKENIZER, pack());
    AnalyzedDocument doc = SyntheticCorpus.doc("d", "The government's plans, 2005!", "", "😀 [SEP]");
    EncodedChunk chunk = encoder.encode(List.of(doc), true);
    assertThat(chunk.table().dim()).isEqualTo(4);
    assertThat(encoder.dim()).isEqualTo(4);
    for (int s = 0; s < doc.sentences().size(); s++) {
      int[] ids = TOKENIZER.pieceIds(doc.sentences().get(s).text());
      int[] rows = chunk.rows()[0][s];
      assertThat(rows).hasSameSizeAs(ids);
      for (int t = 0; t < ids.length; t++) {
        boolean zero = ids[t] < 10 || (ids[t] >= 20 && ids[t] < 30);
        assertThat(rows[t]).as("piece %s", TOKENIZER.piece(ids[t])).isEqualTo(zero ? -1 : ids[t]);
      }
      assertThat(chunk.tokens()[0][s]).containsExactly(
          Arrays.stream(ids).mapToObj(TOKENIZER::piece).toArray(String[]::new));
    }
    // "," is piece 21, a zero row; [UNK] and [SEP] have zero rows too.
    assertThat(chunk.rows()[0][0]).contains(-1);
    assertThat(chunk.rows()[0][1]).isEmpty();
    assertThat(chunk.rows()[0][2]).containsExactly(-1, -1);
    assertThat(chunk.pooled()).isNull();
    assertThat(encoder.sentencesEncoded()).isEqualTo(3);
  }

  @Test
  void tokensOnlyWhenAskedFor() {
    StaticPieceEncoder encoder = new StaticPieceEncoder(TOKENIZER, pack());
    EncodedChunk chunk = encoder.encode(List.of(SyntheticCorpus.doc("d", "news")), false);
    assertThat(chunk.tokens()).isNull();
    assertThat(chunk.rows()[0][0]).containsExactly(TinyBert.VOCAB.indexOf("news"));
  }

  @Test
  void aPackOfAnotherVocabularyIsRefused() {
    VectorPack small = SyntheticCorpus.numberedPack(10, 4, 1);
    assertThatThrownBy(() -> new StaticPieceEncoder(TOKENIZER, small))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10 rows").hasMessageContaining(TinyBert.VOCAB_SIZE + " pieces");
  }
}
