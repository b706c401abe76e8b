package io.attnsum.read;

/** Why a record did not become a document. Written as the {@code reason} column of rejected. */
public enum RejectReason {
  /** The line is not a JSON object (syntax error, binary garbage, a JSON array or scalar). */
  MALFORMED_JSON,
  /** The record's bytes are not valid UTF-8. */
  INVALID_UTF8,
  /** The id field is absent or null. */
  MISSING_ID,
  /** The id field is not a string or number, or is empty. */
  INVALID_ID,
  /** The text field is absent or null. */
  MISSING_TEXT,
  /** The text field is not a string. */
  INVALID_TEXT,
  /** The text is empty or only whitespace. */
  EMPTY_TEXT,
  /** The text is larger than {@code input.max-document-bytes}. */
  TOO_LARGE,
  /** Another record with the same id was kept (the first by source file and offset). */
  DUPLICATE_ID,
  /** The text segmented into no sentence with any content. */
  NO_SENTENCES,
  /** {@code input.summary-sentences-field} is set and the record has no value in it. */
  MISSING_SUMMARY_SENTENCES,
  /** The {@code input.summary-sentences-field} value is not a positive integer. */
  INVALID_SUMMARY_SENTENCES
}
