package io.attnsum.job;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;

/**
 * Test-only fault hook: lets a test make a stage's tasks fail, to prove that Spark's retries
 * change nothing in the output and that a failed run publishes nothing. Armed only by code in
 * the same JVM (local mode), never by configuration; unarmed it costs one map lookup per
 * partition.
 */
public final class FaultInjection {
  private static final ConcurrentHashMap<String, AtomicInteger> ARMED = new ConcurrentHashMap<>();

  private FaultInjection() {}

  /** The next {@code failures} task attempts of {@code stage} (partition 0 only) throw. */
  public static void arm(String stage, int failures) {
    ARMED.put(stage, new AtomicInteger(failures));
  }

  public static void disarm() {
    ARMED.clear();
  }

  static void check(String stage) {
    AtomicInteger left = ARMED.get(stage);
    if (left == null) {
      return;
    }
    TaskContext task = TaskContext.get();
    if (task != null && task.partitionId() == 0 && left.getAndDecrement() > 0) {
      throw new IllegalStateException("injected fault in stage " + stage + " (attempt " + task.attemptNumber() + ")");
    }
  }
}
