package io.attnsum.read;

import java.io.Serializable;

/**
 * A document as read, before the text stage: where it came from and its text.
 *
 * @param summarySentences the document's own summary length in sentences, from {@code
 *     input.summary-sentences-field}; 0 when that key is not set (the configured budget applies)
 */
public record RawDocument(String id, String text, String source, long location, int summarySentences)
    implements Serializable {

  /** A document that follows the configured summary budget. */
  public RawDocument(String id, String text, String source, long location) {
    this(id, text, source, location, 0);
  }
}
