package io.attnsum.read;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Whether {@code input.path} matches anything, asked before Spark starts, so that a wrong path
 * fails in a second instead of after Spark's start-up. It goes through Hadoop's FileSystem API
 * with the configuration the job will use, so local paths, HDFS and S3A are checked the same way
 * as the job reads them. It answers only what it can find out quickly and for certain: a file
 * system that cannot be reached within the time given, or whose scheme has no implementation in
 * this JVM (a connector only the cluster has, an HA name service only its configuration knows),
 * is {@link Answer#UNKNOWN}, and the job's own check inside Spark
 * ({@link CorpusReader#checkExists()}) decides.
 */
public final class InputPresence {
  /** What the check found out. */
  public enum Answer {
    FOUND,
    MISSING,
    UNKNOWN
  }

  /** The answer and, for MISSING and UNKNOWN, what to tell the user. */
  public record Result(Answer answer, String detail) {}

  private InputPresence() {}

  /**
   * Globs {@code path} on its file system. One connection attempt with short timeouts, on a
   * daemon thread given at most {@code timeout}: the check must never delay a run much more than
   * it would save.
   */
  public static Result check(Configuration hadoop, String path, Duration timeout) {
    Configuration once = new Configuration(hadoop);
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    // HDFS's IPC client: no connection retries (it would retry ten times a second apart).
    once.setInt("ipc.client.connect.max.retries", 0);
    once.setInt("ipc.client.connect.max.retries.on.timeouts", 0);
    once.setInt("ipc.client.connect.timeout", millis);
    // S3A: one attempt per request, no retry loop.
    once.setInt("fs.s3a.attempts.maximum", 1);
    once.setInt("fs.s3a.retry.limit", 0);
    once.set("fs.s3a.connection.establish.timeout", millis + "ms");
    ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "attnsum-input-check");
      t.setDaemon(true);
      return t;
    });
    try {
      Future<Result> answer = thread.submit(() -> glob(once, path));
      return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return new Result(Answer.UNKNOWN, "no answer from its file system within " + timeout.toSeconds() + " s");
    } catch (ExecutionException e) {
      return new Result(Answer.UNKNOWN, String.valueOf(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(Answer.UNKNOWN, "interrupted");
    } finally {
      thread.shutdownNow();
    }
  }

  private static Result glob(Configuration conf, String path) {
    Path p = new Path(path);
    // A new instance, not the JVM-wide cached one: its settings above are for this check only,
    // and the cache would hand the same instance to the job.
    try (FileSystem fs = FileSystem.newInstance(p.toUri(), conf)) {
      FileStatus[] matches = fs.globStatus(p);
      if (matches == null || matches.length == 0) {
        return new Result(Answer.MISSING, InputException.nothingMatches(path).getMessage());
      }
      return new Result(Answer.FOUND, "");
    } catch (Exception e) {
      return new Result(Answer.UNKNOWN, e.toString());
    }
  }
}
