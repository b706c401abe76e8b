package io.attnsum.read;

import java.io.Serializable;

/**
 * A record that did not become a document, with enough context to find and fix it.
 *
 * @param source the file it came from
 * @param location byte offset of the line in {@code source} (line-based formats), or the row
 *     number within the file for columnar formats; -1 when unknown
 * @param id the record's id when one could be read, else null
 * @param payload the raw record, truncated to {@code output.rejected-payload-chars}
 */
public record RejectedRecord(
    String source, long location, String id, RejectReason reason, String message, String payload)
    implements Serializable {

  public String describe() {
    return reason + " at " + source + (location >= 0 ? " offset " + location : "") + ": " + message;
  }
}
