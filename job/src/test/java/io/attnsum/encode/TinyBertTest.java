package io.attnsum.encode;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test encoder {@link TinyBert} is a faithful BERT graph: ONNX Runtime runs it, and the job's
 * reader and forward pass agree with ONNX Runtime as they do on the shipped encoders; its
 * tokenizer.json is one Hugging Face's tokenizers reads the same way as {@link
 * WordPieceTokenizer}.
 */
class TinyBertTest {
  private static final double STATE_TOLERANCE = 1e-4;

  @Test
  void isReadWithTheShapeItWasBuiltWith() {
    OnnxBertModel model = TinyBert.model();
    assertThat(model.config()).isEqualTo(TinyBert.config());
    assertThat(model.layers()).hasSize(TinyBert.LAYERS);
    WordPieceTokenizer tokenizer = TinyBert.tokenizer();
    assertThat(tokenizer.vocabSize()).isEqualTo(TinyBert.VOCAB_SIZE).isBetween(250, 350);
    assertThat(new int[] {tokenizer.padId(), tokenizer.unkId(), tokenizer.clsId(),
        tokenizer.sepId()}).containsExactly(TinyBert.PAD, TinyBert.UNK, TinyBert.CLS, TinyBert.SEP);
    assertThat(tokenizer.piece(TinyBert.MASK)).isEqualTo("[MASK]");
    // Built from a fixed seed: the same bytes every time.
    assertThat(TinyBert.onnx()).isEqualTo(TinyBert.onnx());
  }

  /**
   * Random ids of every length up to the 64 positions and tokenized sentences, each alone and in
   * padded batches through ONNX Runtime, against the ND4J encoder's states.
   */
  @Test
  void theNd4jEncoderAgreesWithOnnxRuntime() throws OrtException {
    List<int[]> sequences = new ArrayList<>();
    Random random = new Random(3);
    for (int length = 1; length <= TinyBert.MAX_POSITIONS; length += length < 8 ? 1 : 7) {
      sequences.add(randomIds(random, length));
    }
    sequences.add(randomIds(random, TinyBert.MAX_POSITIONS));
    WordPieceTokenizer tokenizer = TinyBert.tokenizer();
    for (String text : List.of("Quarterly profits at US media giant TimeWarner jumped 76%.",
        "法院于昨日作出判决。", "unknown 😀 pieces", "a")) {
      sequences.add(tokenizer.encode(text));
    }
    BertEncoder encoder = new BertEncoder(TinyBert.model());
    float[][] ours = encoder.encode(sequences);
    encoder.releaseThreadMemory();
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(1);
    try (OrtSession session =
        OrtEnvironment.getEnvironment().createSession(TinyBert.onnx(), options)) {
      float[][] padded = ReferenceModels.run(session, sequences);
      double worst = 0;
      for (int i = 0; i < sequences.size(); i++) {
        float[] alone = ReferenceModels.run(session, List.of(sequences.get(i)))[0];
        assertThat(ours[i]).hasSize(sequences.get(i).length * TinyBert.HIDDEN);
        worst = Math.max(worst, BertEncoderTest.maxAbsDiff(ours[i], alone));
        worst = Math.max(worst, BertEncoderTest.maxAbsDiff(ours[i], padded[i]));
      }
      assertThat(worst).as("max |ND4J - ONNX Runtime|").isLessThanOrEqualTo(STATE_TOLERANCE);
    }
    // Random weights that still make a real encoder: states of unit scale that depend on the
    // token and its context, so the agreement above means something.
    float[][] twoTokens = encoder.encode(List.of(new int[] {50}, new int[] {51}));
    encoder.releaseThreadMemory();
    assertThat(BertEncoderTest.maxAbsDiff(twoTokens[0], twoTokens[1])).isGreaterThan(0.1);
    double sumSquares = 0;
    for (float v : ours[ours.length - 5]) {
      sumSquares += v * v;
    }
    assertThat(Math.sqrt(sumSquares / ours[ours.length - 5].length)).isBetween(0.3, 3.0);
  }

  /** Hugging Face's tokenizers reads the tokenizer.json as the job's tokenizer does. */
  @Test
  void theTokenizerAgreesWithHuggingFace() {
    try (HuggingFaceReference reference = HuggingFaceReference.of(TinyBert.tokenizerJson())) {
      for (String resource : List.of("/encode/sentences-en.jsonl", "/encode/sentences-zh.jsonl",
          "/encode/adversarial.jsonl")) {
        HuggingFaceReference.lines(resource).forEach(reference::assertSame);
      }
      // Mostly pieces of the vocabulary, with [UNK] only for what it lacks.
      assertThat(reference.ids("The government said growth rose 3%")).doesNotContain(TinyBert.UNK);
      assertThat(reference.ids("smile 😀")).contains(TinyBert.UNK);
    }
  }

  @Test
  void writesTheFolderEncoderPathNames(@TempDir Path dir) throws Exception {
    Path folder = TinyBert.writeTo(dir.resolve("tiny"));
    assertThat(Files.readAllBytes(folder.resolve("model.onnx"))).isEqualTo(TinyBert.onnx());
    assertThat(Files.readAllBytes(folder.resolve("tokenizer.json")))
        .isEqualTo(TinyBert.tokenizerJson());
    EncoderStage.check(new EncoderSettings(EncoderMode.CONTEXTUAL, null, folder.toString(),
        Pooling.MEAN, 128, 0, 0, null), new Configuration());
  }

  private static int[] randomIds(Random random, int length) {
    int[] ids = new int[length];
    for (int t = 0; t < length; t++) {
      ids[t] = random.nextInt(TinyBert.VOCAB_SIZE);
    }
    return ids;
  }
}
