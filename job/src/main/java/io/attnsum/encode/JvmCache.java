package io.attnsum.encode;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What one JVM has loaded for the encode stage (models, tokenizers, packs, vocabularies), each
 * loaded once and shared by every later task: the DL4J examples' load-once-per-executor holder;
 * nothing is broadcast. {@link ConcurrentHashMap#computeIfAbsent} makes concurrent first callers
 * wait for the one load. At most {@code capacity} entries are held, the least recently used
 * dropped first: executors of the batch job end with it, but a JVM that outlives its runs (a
 * notebook's, or one running the Spark ML stage transform after transform) would otherwise keep
 * every run's vocabulary and word vector pack until it exits.
 */
final class JvmCache<K, V> {
  private final int capacity;
  private final ConcurrentHashMap<K, V> held = new ConcurrentHashMap<>();
  /** Keys from least to most recently used; guarded by {@code this}. */
  private final ArrayDeque<K> recency = new ArrayDeque<>();

  JvmCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
    }
    this.capacity = capacity;
  }

  V get(K key, Function<K, V> loader) {
    V value = held.computeIfAbsent(key, loader);
    // Outside computeIfAbsent: removing while it holds a bin lock could deadlock.
    synchronized (this) {
      recency.remove(key);
      recency.addLast(key);
      while (recency.size() > capacity) {
        held.remove(recency.removeFirst());
      }
    }
    return value;
  }

  int size() {
    return held.size();
  }
}
