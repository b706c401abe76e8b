package io.attnsum.encode;

import java.util.List;

/**
 * The manifest's {@code encoder} section: what the encode stage used and what it cost.
 *
 * @param mode {@code static}, {@code contextual} or {@code word-vectors}, as configured
 * @param used whether anything read the sentence vectors ({@code rank.embedding-weight} > 0 or
 *     token weights); when false no encoder was prepared or run and {@code encoders} is empty
 * @param encoders the pretrained encoder of each language present (empty for word vectors)
 * @param vocabularyWords distinct words of the corpus (the lexical weights' vocabulary)
 * @param vectors the word vector pack (word-vectors mode), else null
 * @param driverSeconds the stage's time on the driver (hashing, distilling or loading, writing)
 * @param sentencesEncoded sentences the tasks encoded (set after the summarize stage)
 * @param encoderTaskSeconds time the tasks spent encoding, summed over tasks (set likewise)
 */
public record EncoderReport(
    String mode,
    boolean used,
    List<Encoder> encoders,
    long vocabularyWords,
    Object vectors,
    double driverSeconds,
    long sentencesEncoded,
    double encoderTaskSeconds) {

  /**
   * One language's pretrained encoder.
   *
   * @param language ISO 639-1 code
   * @param name the built-in encoder's id or the user's folder
   * @param sha256 SHA-256 of the ONNX file followed by the tokenizer.json (hex)
   * @param dimensions width of the token vectors the attention pools
   * @param pooling the model's own pooling
   * @param staticPack the static pack's URI (static mode), else null
   * @param staticPackBuilt whether this run distilled the pack (false: found in the cache)
   * @param staticPackSeconds time to distil or to load the pack
   */
  public record Encoder(
      String language,
      String name,
      String sha256,
      int dimensions,
      String pooling,
      String staticPack,
      boolean staticPackBuilt,
      double staticPackSeconds) {}

  /** This report with the tasks' totals. */
  public EncoderReport withTasks(long sentences, double taskSeconds) {
    return new EncoderReport(
        mode, used, encoders, vocabularyWords, vectors, driverSeconds, sentences, taskSeconds);
  }
}
