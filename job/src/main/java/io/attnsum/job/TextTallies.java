package io.attnsum.job;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.util.AccumulatorV2;

/**
 * The partitions' text tallies, gathered on the driver by the pass that counts the vocabulary.
 * Keyed by partition, so a task that runs again (a retry, a recomputed partition) replaces its
 * partition's tally instead of adding it twice: the sum is exact, which a plain counter updated
 * inside a transformation would not be.
 */
final class TextTallies extends AccumulatorV2<TextTallies.Part, Map<Integer, TextTally>> {
  private static final long serialVersionUID = 1L;

  /** One partition's tally. */
  record Part(int partition, TextTally tally) implements java.io.Serializable {}

  private final HashMap<Integer, TextTally> parts = new HashMap<>();

  @Override
  public boolean isZero() {
    return parts.isEmpty();
  }

  @Override
  public TextTallies copy() {
    TextTallies c = new TextTallies();
    c.parts.putAll(parts);
    return c;
  }

  @Override
  public void reset() {
    parts.clear();
  }

  @Override
  public void add(Part p) {
    parts.put(p.partition(), p.tally());
  }

  @Override
  public void merge(AccumulatorV2<Part, Map<Integer, TextTally>> other) {
    parts.putAll(other.value());
  }

  @Override
  public Map<Integer, TextTally> value() {
    return parts;
  }

  /** The sum over all partitions. */
  TextTally total() {
    TextTally t = new TextTally();
    for (TextTally p : parts.values()) {
      t = t.plus(p);
    }
    return t;
  }
}
