package io.attnsum.read;

import org.apache.spark.api.java.JavaRDD;

/**
 * Spreads the parsed corpus over the configured (or computed) number of partitions, sorted by
 * id within each, and rejects duplicate ids on the way: one shuffle does both.
 */
public final class CorpusPartitioner {
  /** Documents per partition below which more partitions only add overhead. */
  static final long DOCUMENTS_PER_PARTITION = 2_000;

  private CorpusPartitioner() {}

  /**
   * {@code input.partitions}, or about two per core and at least one per 2,000 records, rounded up
   * to a multiple of the cores (when there are records enough) so the last wave of tasks does not
   * leave cores idle: 5 partitions on 2 cores take 3 waves for 2.5 waves of work.
   */
  public static int partitionCount(int configured, long records, int defaultParallelism) {
    if (configured > 0) {
      return configured;
    }
    long cores = Math.max(1, defaultParallelism);
    long bySize = (records + DOCUMENTS_PER_PARTITION - 1) / DOCUMENTS_PER_PARTITION;
    long n = Math.max(1, Math.max(bySize, Math.min(2 * cores, Math.max(1, records))));
    long whole = (n + cores - 1) / cores * cores;
    if (whole <= records) {
      n = whole;
    }
    return (int) Math.min(100_000, n);
  }

  public static JavaRDD<ParsedRecord> partitionAndDeduplicate(
      JavaRDD<ParsedRecord> parsed, int partitions, InputSettings settings, int payloadChars) {
    return parsed
        .mapToPair(r -> new scala.Tuple2<>(r.key(), r))
        .repartitionAndSortWithinPartitions(new IdPartitioner(partitions))
        .values()
        .mapPartitions(it -> new DuplicateFilter(it, new RecordParser(settings, payloadChars)));
  }
}
