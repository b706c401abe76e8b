package io.attnsum.job;

import io.attnsum.read.RejectedRecord;
import io.attnsum.text.AnalyzedDocument;
import java.io.Serializable;

/** After the text stage: exactly one of an analyzed document or a rejection. */
record AnalyzedRecord(AnalyzedDocument document, RejectedRecord rejected) implements Serializable {}
