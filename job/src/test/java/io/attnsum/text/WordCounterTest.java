package io.attnsum.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import scala.Tuple2;

class WordCounterTest {

  /**
   * Counts against java.util.HashMap for random word streams: few or many distinct words (growth
   * from a table of 8), Zipf-like repeats, and blocks of "Aa"/"BB" that all share one hashCode.
   */
  @Property(tries = 60)
  void countsEqualAHashMapReference(
      @ForAll @IntRange(min = 0, max = 20_000) int tokens,
      @ForAll @IntRange(min = 1, max = 5_000) int vocabulary,
      @ForAll long seed) {
    Random rnd = new Random(seed);
    WordCounter counter = new WordCounter(1);
    Map<String, Long> reference = new HashMap<>();
    for (int i = 0; i < tokens; i++) {
      int rank = (int) Math.min(vocabulary - 1, Math.floor(Math.exp(rnd.nextDouble() * Math.log(vocabulary))));
      String w = rank % 5 == 0 ? twin(rank) : "w" + rank;
      long n = rnd.nextInt(10) == 0 ? 1 + rnd.nextInt(5) : 1;
      counter.add(w, n);
      reference.merge(w, n, Long::sum);
    }
    assertThat(counter.size()).isEqualTo(reference.size());
    List<Tuple2<String, Long>> pairs = new ArrayList<>();
    counter.emit(pairs);
    Map<String, Long> emitted = new HashMap<>();
    for (Tuple2<String, Long> p : pairs) {
      assertThat(emitted.put(p._1(), p._2())).as("emitted once: " + p._1()).isNull();
    }
    assertThat(emitted).isEqualTo(reference);
    // the array form lists the same pairs in the same (first-seen) order
    String[] words = counter.words();
    long[] counts = counter.counts();
    assertThat(words).hasSize(pairs.size());
    assertThat(counts).hasSize(pairs.size());
    for (int i = 0; i < pairs.size(); i++) {
      assertThat(words[i]).isEqualTo(pairs.get(i)._1());
      assertThat(counts[i]).isEqualTo(pairs.get(i)._2());
    }
    for (Map.Entry<String, Long> e : reference.entrySet()) {
      assertThat(counter.count(e.getKey())).isEqualTo(e.getValue());
    }
    assertThat(counter.count("absent")).isZero();
    assertThat(counter.count(twin(vocabulary * 5 + 5))).isZero();
  }

  /** A word of "Aa"/"BB" blocks chosen by the bits of {@code bits}: all share one hashCode. */
  private static String twin(int bits) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      b.append((bits >> i & 1) == 0 ? "Aa" : "BB");
    }
    return b.toString();
  }
}
