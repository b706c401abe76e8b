package io.attnsum.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drains one output stream of a child process into a file, line by line, and lets a test wait
 * for a line that matches a pattern. Waiting blocks on the lines as they arrive (no polling), so
 * a test reacts to "the job has reached stage X" as soon as the process says so.
 */
final class ProcessLog {
  private final Path file;
  private final List<String> lines = new ArrayList<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private boolean closed;

  private ProcessLog(Path file) {
    this.file = file;
  }

  /** Starts a daemon thread that copies {@code stream} to {@code file} until it ends. */
  static ProcessLog drain(InputStream stream, Path file, String name) {
    ProcessLog log = new ProcessLog(file);
    Thread t = new Thread(() -> log.copy(stream), "drain-" + name);
    t.setDaemon(true);
    t.start();
    return log;
  }

  private void copy(InputStream stream) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        out.write(line);
        out.write('\n');
        out.flush();
        lock.lock();
        try {
          lines.add(line);
          changed.signalAll();
        } finally {
          lock.unlock();
        }
      }
    } catch (IOException e) {
      // The process was destroyed mid-line; what was read is kept.
    } finally {
      lock.lock();
      try {
        closed = true;
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * The first line at or after {@code from} matching {@code pattern}; waits for it at most
   * {@code timeout}. Fails when the stream ends or the time is up without one.
   */
  Match await(Pattern pattern, int from, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      int i = from;
      while (true) {
        for (; i < lines.size(); i++) {
          Matcher m = pattern.matcher(lines.get(i));
          if (m.find()) {
            return new Match(i, m.toMatchResult().group(), groups(m));
          }
        }
        if (closed) {
          throw new AssertionError("no line matching /" + pattern + "/ before " + file + " ended; last lines:\n" + tail(40));
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no line matching /" + pattern + "/ in " + timeout + " in " + file + "; last lines:\n" + tail(40));
        }
        changed.await(left, TimeUnit.NANOSECONDS);
      }
    } finally {
      lock.unlock();
    }
  }

  Match await(Pattern pattern, Duration timeout) throws InterruptedException {
    return await(pattern, 0, timeout);
  }

  /** Waits until the stream has ended (the process exited and its output is all read). */
  void awaitEnd(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (!closed) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(file + " did not end in " + timeout);
        }
        changed.await(left, TimeUnit.NANOSECONDS);
      }
    } finally {
      lock.unlock();
    }
  }

  List<String> lines() {
    lock.lock();
    try {
      return List.copyOf(lines);
    } finally {
      lock.unlock();
    }
  }

  String text() {
    return String.join("\n", lines());
  }

  String tail(int n) {
    List<String> all = lines();
    return String.join("\n", all.subList(Math.max(0, all.size() - n), all.size()));
  }

  Path file() {
    return file;
  }

  private static List<String> groups(Matcher m) {
    List<String> g = new ArrayList<>(m.groupCount());
    for (int i = 1; i <= m.groupCount(); i++) {
      g.add(m.group(i));
    }
    return g;
  }

  /** A matching line: its index, the matched text and the pattern's groups. */
  record Match(int line, String text, List<String> groups) {
    String group(int i) {
      return groups.get(i - 1);
    }
  }
}
