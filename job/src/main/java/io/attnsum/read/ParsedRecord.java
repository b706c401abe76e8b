package io.attnsum.read;

import java.io.Serializable;

/** An input record after parsing: a document, or the record's rejection. */
public sealed interface ParsedRecord extends Serializable {

  /**
   * The key the corpus is partitioned, sorted and deduplicated by (see {@link RecordKey});
   * rejected records without an id sort first.
   */
  RecordKey key();

  /** A record that parsed into a document. */
  record Document(RawDocument document) implements ParsedRecord {
    @Override
    public RecordKey key() {
      return new RecordKey(document.id(), document.source(), document.location());
    }
  }

  /** A record the read stage rejected. */
  record Rejected(RejectedRecord record) implements ParsedRecord {
    @Override
    public RecordKey key() {
      return new RecordKey(record.id() == null ? "" : record.id(), record.source(),
          record.location());
    }
  }
}
