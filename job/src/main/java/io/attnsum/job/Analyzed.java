package io.attnsum.job;

import io.attnsum.read.RejectedRecord;
import io.attnsum.text.AnalyzedDocument;
import java.io.Serializable;

/**
 * A record of the analysed corpus: a document, a rejection, or, as the last record of each
 * partition, the partition's tally. The tally is part of the cached partition, so a recomputed
 * partition brings its own again and every count stays exact under task retries.
 */
sealed interface Analyzed extends Serializable {

  /** A document the text stage analysed. */
  record Document(AnalyzedDocument document) implements Analyzed {}

  /** A record the read or text stage rejected. */
  record Rejected(RejectedRecord record) implements Analyzed {}

  /**
   * A partition's counts: its text statistics and rejections, and its distinct words with their
   * counts (parallel arrays; empty when no stage needs the vocabulary).
   */
  record Tally(TextTally counts, String[] words, long[] wordCounts) implements Analyzed {}
}
