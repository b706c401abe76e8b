package io.attnsum.job;

import io.attnsum.read.RejectedRecord;
import io.attnsum.text.AnalyzedDocument;
import java.io.Serializable;

/**
 * After the text stage: exactly one of an analyzed document, a rejection, or the partition's word
 * counts (full runs: the last record of each partition, see {@link CorpusCounts#trailer}).
 */
record AnalyzedRecord(AnalyzedDocument document, RejectedRecord rejected, PartitionWords words)
    implements Serializable {

  AnalyzedRecord(AnalyzedDocument document, RejectedRecord rejected) {
    this(document, rejected, null);
  }
}
