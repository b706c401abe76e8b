package io.attnsum.read;

import java.io.Serializable;

/** Exactly one of a document or a rejection: every input record becomes one of these. */
public record ParsedRecord(RawDocument document, RejectedRecord rejected) implements Serializable {

  public static ParsedRecord of(RawDocument d) {
    return new ParsedRecord(d, null);
  }

  public static ParsedRecord rejected(RejectedRecord r) {
    return new ParsedRecord(null, r);
  }

  public boolean isDocument() {
    return document != null;
  }

  /** The id used to partition and deduplicate; rejected records without an id sort first. */
  public String key() {
    if (document != null) {
      return document.id();
    }
    return rejected.id() == null ? "" : rejected.id();
  }
}
