package io.attnsum.encode;

/** What turns a sentence's tokens into vectors ({@code encoder.mode}). */
public enum EncoderMode {
  /** Static piece vectors distilled once from a pretrained encoder ({@link StaticDistiller}). */
  STATIC,
  /** Every sentence through the pretrained encoder: its last layer's token states. */
  CONTEXTUAL,
  /** Word vectors: a pretrained file ({@code vectors.path}) or Word2Vec trained on the corpus. */
  WORD_VECTORS;

  /** Whether this mode runs a pretrained encoder (on the driver or the executors). */
  public boolean pretrained() {
    return this != WORD_VECTORS;
  }
}
