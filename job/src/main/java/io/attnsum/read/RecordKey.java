package io.attnsum.read;

import java.io.Serializable;
import java.util.Comparator;

/**
 * Sort key of a record: id, then source file, then offset. Sorting by it puts duplicates of an id
 * next to each other with the one to keep (first in the input) first, and makes every partition's
 * order independent of how Spark scheduled the read.
 */
public record RecordKey(String id, String source, long location)
    implements Comparable<RecordKey>, Serializable {

  private static final Comparator<RecordKey> ORDER =
      Comparator.comparing(RecordKey::id)
          .thenComparing(RecordKey::source, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparingLong(RecordKey::location);

  @Override
  public int compareTo(RecordKey o) {
    return ORDER.compare(this, o);
  }
}
