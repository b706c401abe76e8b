package io.attnsum.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;

/**
 * Test-only fault hook: lets a test make a stage's tasks fail, to prove that Spark's retries
 * change nothing in the output and that a failed run publishes nothing, or hold a stage's first
 * task at a known point, to kill or race a run there without guessing at timing. Armed only by
 * code in the same JVM (local mode), never by configuration; unarmed it costs one map lookup and
 * one volatile read per partition.
 */
public final class FaultInjection {
  private static final ConcurrentHashMap<String, AtomicInteger> ARMED = new ConcurrentHashMap<>();
  private static volatile Hold hold;

  /** Where the first task of {@code stage} says it has arrived, and what lets it go on. */
  private record Hold(String stage, Path reached, Path release) {}

  private FaultInjection() {}

  /** The next {@code failures} task attempts of {@code stage} (partition 0 only) throw. */
  public static void arm(String stage, int failures) {
    ARMED.put(stage, new AtomicInteger(failures));
  }

  /**
   * The first task of {@code stage} (partition 0) creates {@code reached} and then waits until
   * {@code release} exists (forever, if it never does: the test may kill the JVM there).
   */
  public static void holdAt(String stage, Path reached, Path release) {
    hold = new Hold(stage, reached, release);
  }

  public static void disarm() {
    ARMED.clear();
    hold = null;
  }

  static void check(String stage) {
    holdIfArmed(stage);
    AtomicInteger left = ARMED.get(stage);
    if (left == null) {
      return;
    }
    TaskContext task = TaskContext.get();
    if (task != null && task.partitionId() == 0 && left.getAndDecrement() > 0) {
      throw new IllegalStateException("injected fault in stage " + stage + " (attempt " + task.attemptNumber() + ")");
    }
  }

  private static void holdIfArmed(String stage) {
    Hold h = hold;
    TaskContext task = TaskContext.get();
    if (h == null || !h.stage().equals(stage) || task == null || task.partitionId() != 0) {
      return;
    }
    try {
      Files.writeString(h.reached(), stage + " " + ProcessHandle.current().pid());
      while (!Files.exists(h.release())) {
        Thread.sleep(20);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while held in stage " + stage, e);
    }
  }
}
