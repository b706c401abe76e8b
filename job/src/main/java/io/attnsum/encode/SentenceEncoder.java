package io.attnsum.encode;

import io.attnsum.text.AnalyzedDocument;
import java.util.List;

/**
 * What the encode stage runs on each executor: a chunk of analysed documents in, their
 * sentences' token vectors out ({@link EncodedChunk}). Implementations batch the whole chunk
 * (one encoder call per batch of sentences, never one per sentence). Not thread-safe: one per
 * task thread, closed when the task is done.
 */
public interface SentenceEncoder extends AutoCloseable {

  /**
   * @param documents documents of this encoder's language
   * @param withTokens whether to return the tokens the rows stand for
   */
  EncodedChunk encode(List<AnalyzedDocument> documents, boolean withTokens);

  /** Width of the token vectors. */
  int dim();

  /** Sentences this encoder has encoded (for the manifest). */
  long sentencesEncoded();

  /** Frees per-thread native memory (ND4J workspaces); the encoder stays usable. */
  @Override
  default void close() {}
}
