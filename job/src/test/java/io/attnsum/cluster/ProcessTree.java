package io.attnsum.cluster;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Ends a child process and everything it started: a Spark Worker's executors, a spark-submit
 * script's driver JVM. Descendants are collected before the parent dies (afterwards they are
 * re-parented and can no longer be found).
 */
final class ProcessTree {
  private ProcessTree() {}

  static void destroy(ProcessHandle root) {
    List<ProcessHandle> tree = root.descendants().toList();
    root.destroyForcibly();
    for (ProcessHandle p : tree) {
      p.destroyForcibly();
    }
    await(root);
    for (ProcessHandle p : tree) {
      await(p);
    }
  }

  private static void await(ProcessHandle p) {
    try {
      p.onExit().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      // Still running after SIGKILL (a zombie whose parent is gone): nothing more can be done.
    }
  }
}
