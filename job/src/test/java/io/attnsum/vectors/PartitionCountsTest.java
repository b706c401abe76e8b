package io.attnsum.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

class PartitionCountsTest {
  private static final List<String[]> SENTENCES = List.of(
      new String[] {"the", "cat", "sat", "on", "the", "mat"},
      new String[] {},
      new String[] {"the", "dog", "sat"},
      new String[] {"東京", "the", "cat"});

  private static Map<String, Long> expected() {
    Map<String, Long> m = new HashMap<>();
    for (String[] s : SENTENCES) {
      for (String w : s) {
        m.merge(w, 1L, Long::sum);
      }
    }
    return m;
  }

  private static List<Tuple2<String, Long>> counts(int limit) {
    List<Tuple2<String, Long>> out = new ArrayList<>();
    Iterator<Tuple2<String, Long>> it = VectorStage.partitionCounts(SENTENCES.iterator(), limit);
    it.forEachRemaining(out::add);
    return out;
  }

  @Test
  void oneRecordPerDistinctWordWithItsCount() {
    List<Tuple2<String, Long>> out = counts(1 << 20);
    Map<String, Long> m = new HashMap<>();
    out.forEach(t -> m.put(t._1(), t._2()));
    assertThat(out).hasSize(expected().size());
    assertThat(m).isEqualTo(expected());
  }

  @Test
  void aFullMapIsHandedOnAndTheSumsStayExact() {
    // limit 2: the map is emptied after every sentence that fills it; a word may come out more
    // than once, and the shuffle's sum must still give the corpus counts.
    List<Tuple2<String, Long>> out = counts(2);
    Map<String, Long> sums = new HashMap<>();
    out.forEach(t -> sums.merge(t._1(), t._2(), Long::sum));
    assertThat(sums).isEqualTo(expected());
    assertThat(out.size()).isGreaterThan(expected().size());
  }
}
