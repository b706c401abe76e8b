package io.attnsum.read;

import org.apache.spark.Partitioner;

/** Partitions {@link RecordKey}s by id alone, so all records of an id meet in one partition. */
public final class IdPartitioner extends Partitioner {
  private static final long serialVersionUID = 1L;
  private final int partitions;

  public IdPartitioner(int partitions) {
    this.partitions = partitions;
  }

  @Override
  public int numPartitions() {
    return partitions;
  }

  @Override
  public int getPartition(Object key) {
    // String.hashCode is specified by the JLS, so placement is the same on every JVM and run.
    return Math.floorMod(((RecordKey) key).id().hashCode(), partitions);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IdPartitioner p && p.partitions == partitions;
  }

  @Override
  public int hashCode() {
    return partitions;
  }
}
