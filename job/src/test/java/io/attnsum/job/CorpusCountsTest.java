package io.attnsum.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.attnsum.read.RejectReason;
import io.attnsum.read.RejectedRecord;
import io.attnsum.testing.TestSettings;
import io.attnsum.text.AnalyzedDocument;
import io.attnsum.text.DocumentAnalyzer;
import io.attnsum.text.Sentence;
import io.attnsum.text.WordCounter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

class CorpusCountsTest {
  private final DocumentAnalyzer analyzer = new DocumentAnalyzer(TestSettings.text());

  private final List<AnalyzedRecord> partitionA = List.of(
      doc("a", "The cat sat on the mat. The dog barked at the cat."),
      rejected(RejectReason.NO_SENTENCES),
      doc("b", "今天天气很好。我们去公园散步吧！"));
  private final List<AnalyzedRecord> partitionB = List.of(
      rejected(RejectReason.NO_SENTENCES),
      rejected(RejectReason.TOO_LARGE),
      doc("c", "A cat is not a dog. Dogs bark."));

  @Test
  void summedPartitionPairsGiveTheCorpusTotalsComputedDirectly() {
    Map<String, Long> sums = reduce(true);
    Map<String, Long> statistics = new HashMap<>();
    Map<String, Long> words = new HashMap<>();
    sums.forEach((k, v) -> (CorpusCounts.isStatistic(k) ? statistics : words).put(k, v));

    // The reference: walk every document once, counting by hand.
    Map<String, Long> expectedWords = new HashMap<>();
    long sentences = 0;
    long tokens = 0;
    int documents = 0;
    for (AnalyzedRecord r : concat()) {
      if (r.document() == null) {
        continue;
      }
      documents++;
      for (Sentence s : r.document().sentences()) {
        sentences++;
        for (String t : s.tokens()) {
          tokens++;
          expectedWords.merge(t, 1L, Long::sum);
        }
      }
    }
    assertThat(words).isEqualTo(expectedWords);
    assertThat(words.get("cat")).isEqualTo(3L);
    TextStats stats = CorpusCounts.textStats(statistics);
    assertThat(stats.documents).isEqualTo(documents).isEqualTo(3);
    assertThat(stats.sentences).isEqualTo(sentences).isEqualTo(6);
    assertThat(stats.tokens).isEqualTo(tokens);
    assertThat(stats.toMap().get("documents_by_language")).isEqualTo(Map.of("en", 2L, "zh", 1L));
    assertThat(CorpusCounts.rejectedByReason(statistics))
        .containsExactly(Map.entry("NO_SENTENCES", 2L), Map.entry("TOO_LARGE", 1L));
  }

  @Test
  void withoutVocabularyOnlyStatisticsAreEmitted() {
    Map<String, Long> sums = reduce(false);
    assertThat(sums.keySet()).allMatch(CorpusCounts::isStatistic);
    assertThat(CorpusCounts.textStats(sums).documents).isEqualTo(3);
  }

  @Test
  void statisticKeysCannotBeTokens() {
    assertThat(CorpusCounts.isStatistic(CorpusCounts.STAT + "documents")).isTrue();
    assertThat(CorpusCounts.isStatistic("documents")).isFalse();
    assertThat(CorpusCounts.isStatistic("")).isFalse();
  }

  private Map<String, Long> reduce(boolean vocabulary) {
    Map<String, Long> sums = new HashMap<>();
    for (List<AnalyzedRecord> partition : List.of(partitionA, partitionB)) {
      List<AnalyzedRecord> records = new ArrayList<>(partition);
      if (vocabulary) {
        // As the text stage does: count each document's tokens as it is analysed, then end the
        // partition with the trailer.
        WordCounter words = new WordCounter(1);
        for (AnalyzedRecord r : partition) {
          if (r.document() != null) {
            CorpusCounts.countTokens(r.document(), words);
          }
        }
        records.add(CorpusCounts.trailer(words));
      }
      Iterator<Tuple2<String, Long>> it = CorpusCounts.count(records.iterator());
      List<String> keys = new ArrayList<>();
      while (it.hasNext()) {
        Tuple2<String, Long> p = it.next();
        keys.add(p._1());
        sums.merge(p._1(), p._2(), Long::sum);
      }
      // One pair per key and partition: what the shuffle carries is bounded by distinct keys.
      assertThat(keys).doesNotHaveDuplicates();
    }
    return sums;
  }

  private List<AnalyzedRecord> concat() {
    List<AnalyzedRecord> all = new ArrayList<>(partitionA);
    all.addAll(partitionB);
    return all;
  }

  private AnalyzedRecord doc(String id, String text) {
    AnalyzedDocument d = analyzer.analyze(id, text);
    return new AnalyzedRecord(d, null);
  }

  private static AnalyzedRecord rejected(RejectReason reason) {
    return new AnalyzedRecord(null, new RejectedRecord("f", 0, "x", reason, "m", "p"));
  }
}
