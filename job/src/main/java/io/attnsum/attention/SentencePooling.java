package io.attnsum.attention;

/** How a sentence's token vectors become its vector ({@code attention.pooling}). */
public enum SentencePooling {
  /** Attention pooling with the document-centroid query and the token prior ({@link AttentionPooler}). */
  ATTENTION,
  /**
   * The encoder's own: a contextual encoder's trained pooling (mean or [CLS]); the plain mean of
   * the token vectors for static pieces and word vectors.
   */
  MODEL
}
