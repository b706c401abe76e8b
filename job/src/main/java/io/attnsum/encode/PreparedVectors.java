package io.attnsum.encode;

import java.io.Serializable;

/**
 * What the vectors stage prepared, for the run manifest: where the pack is and how well it covers
 * the corpus. Executors load the pack with {@code VectorPackCache.get(packUri)}.
 *
 * @param packUri fully qualified Hadoop path of the pack
 * @param source {@code pretrained}, {@code trained} or {@code reused} (trained by an earlier run)
 * @param vectorsFile the vectors file the pack was extracted from
 * @param format its (detected) format
 * @param vocabularySize distinct tokens in the corpus
 * @param corpusTokens token occurrences in the corpus
 * @param packedWords corpus words with a vector (rows of the pack)
 * @param coverage share of corpus token occurrences that have a vector, in [0, 1]
 * @param packBytes size of the pack file
 * @param loadMillis time to load the pack once (as each executor will)
 * @param millis time of the whole stage
 */
public record PreparedVectors(
    String packUri,
    String source,
    String vectorsFile,
    String format,
    int dim,
    long vocabularySize,
    long corpusTokens,
    long packedWords,
    double coverage,
    long packBytes,
    long loadMillis,
    long millis)
    implements Serializable {}
