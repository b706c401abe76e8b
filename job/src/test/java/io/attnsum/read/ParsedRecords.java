package io.attnsum.read;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads a parse result as the case a test expects, failing the test when it is the other. */
final class ParsedRecords {
  private ParsedRecords() {}

  static RawDocument documentOf(ParsedRecord r) {
    assertThat(r).isInstanceOf(ParsedRecord.Document.class);
    return ((ParsedRecord.Document) r).document();
  }

  static RejectedRecord rejectionOf(ParsedRecord r) {
    assertThat(r).isInstanceOf(ParsedRecord.Rejected.class);
    return ((ParsedRecord.Rejected) r).record();
  }
}
