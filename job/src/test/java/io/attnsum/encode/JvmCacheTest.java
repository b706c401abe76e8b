package io.attnsum.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class JvmCacheTest {

  @Test
  void loadsEachKeyOnceAndDropsTheLeastRecentlyUsedBeyondItsCapacity() {
    List<String> loads = new ArrayList<>();
    JvmCache<String, String> cache = new JvmCache<>(2);
    Function<String, String> loader = k -> {
      loads.add(k);
      return k.toUpperCase();
    };
    assertThat(cache.get("a", loader)).isEqualTo("A");
    assertThat(cache.get("b", loader)).isEqualTo("B");
    assertThat(cache.get("a", loader)).isEqualTo("A"); // a is now the most recent
    assertThat(cache.get("c", loader)).isEqualTo("C"); // drops b
    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.get("a", loader)).isEqualTo("A");
    assertThat(cache.get("b", loader)).isEqualTo("B"); // loaded again, drops c
    assertThat(loads).containsExactly("a", "b", "c", "b");
  }

  @Test
  void concurrentFirstCallersShareOneLoad() throws Exception {
    JvmCache<String, Object> cache = new JvmCache<>(1);
    AtomicInteger loads = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Object>> got = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        got.add(pool.submit(() -> {
          start.await();
          return cache.get("model", k -> {
            loads.incrementAndGet();
            return new Object();
          });
        }));
      }
      start.countDown();
      Object first = got.get(0).get();
      for (Future<Object> f : got) {
        assertThat(f.get()).isSameAs(first);
      }
      assertThat(loads).hasValue(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void refusesACapacityBelowOne() {
    assertThatThrownBy(() -> new JvmCache<>(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
