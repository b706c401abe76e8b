package io.attnsum.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.attnsum.read.ParsedRecord;
import io.attnsum.read.RawDocument;
import io.attnsum.read.RejectReason;
import io.attnsum.read.RejectedRecord;
import io.attnsum.testing.TestSettings;
import io.attnsum.text.Sentence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

class TextPassTest {
  private final List<ParsedRecord> partitionA = List.of(
      doc("a", "The cat sat on the mat. The dog barked at the cat."),
      doc("empty", "   "),
      doc("b", "今天天气很好。我们去公园散步吧！"));
  private final List<ParsedRecord> partitionB = List.of(
      rejected(RejectReason.NO_SENTENCES),
      rejected(RejectReason.TOO_LARGE),
      doc("c", "A cat is not a dog. Dogs bark."));

  @Test
  void summedPartitionCountsGiveTheCorpusTotalsComputedDirectly() {
    TextTallies tallies = new TextTallies();
    Map<String, Long> words = new HashMap<>();
    List<Analyzed> all = new ArrayList<>();
    int p = 0;
    for (List<ParsedRecord> partition : List.of(partitionA, partitionB)) {
      List<Analyzed> analyzed = analyze(partition, true);
      all.addAll(analyzed);
      Iterator<Tuple2<String, Long>> it = TextPass.words(p++, analyzed.iterator(), tallies);
      List<String> keys = new ArrayList<>();
      while (it.hasNext()) {
        Tuple2<String, Long> pair = it.next();
        keys.add(pair._1());
        words.merge(pair._1(), pair._2(), Long::sum);
      }
      // One pair per word and partition: what the shuffle carries is bounded by distinct words.
      assertThat(keys).doesNotHaveDuplicates();
    }
    // The reference: walk every document once, counting by hand.
    Map<String, Long> expectedWords = new HashMap<>();
    long sentences = 0;
    long tokens = 0;
    int documents = 0;
    for (Analyzed r : all) {
      if (!(r instanceof Analyzed.Document d)) {
        continue;
      }
      documents++;
      for (Sentence s : d.document().sentences()) {
        sentences++;
        for (String t : s.tokens()) {
          tokens++;
          expectedWords.merge(t, 1L, Long::sum);
        }
      }
    }
    assertThat(words).isEqualTo(expectedWords);
    assertThat(words.get("cat")).isEqualTo(3L);
    TextTally tally = tallies.total();
    assertThat(tally.documents).isEqualTo(documents).isEqualTo(3);
    assertThat(tally.sentences).isEqualTo(sentences).isEqualTo(6);
    assertThat(tally.tokens).isEqualTo(tokens);
    assertThat(tally.toManifest().get("documents_by_language")).isEqualTo(Map.of("en", 2L, "zh", 1L));
    assertThat(tally.rejectedByReason)
        .containsExactly(Map.entry("NO_SENTENCES", 2L), Map.entry("TOO_LARGE", 1L));
  }

  @Test
  void withoutVocabularyOnlyTheTallyIsCounted() {
    TextTallies tallies = new TextTallies();
    Iterator<Tuple2<String, Long>> it = TextPass.words(0, analyze(partitionA, false).iterator(), tallies);
    assertThat(it.hasNext()).isFalse();
    assertThat(tallies.total().documents).isEqualTo(2);
  }

  @Test
  void aRecountedPartitionReplacesItsTallyInsteadOfAddingIt() {
    TextTallies tallies = new TextTallies();
    TextPass.words(0, analyze(partitionA, false).iterator(), tallies);
    TextPass.words(0, analyze(partitionA, false).iterator(), tallies); // a retried task
    TextTallies other = new TextTallies();
    TextPass.words(1, analyze(partitionB, false).iterator(), other);
    tallies.merge(other);
    assertThat(tallies.total().documents).isEqualTo(3);
    assertThat(tallies.total().rejected()).isEqualTo(3);
  }

  @Test
  void everyPartitionEndsWithExactlyOneTally() {
    List<Analyzed> a = analyze(partitionA, true);
    assertThat(a).hasSize(partitionA.size() + 1);
    assertThat(a.get(a.size() - 1)).isInstanceOf(Analyzed.Tally.class);
    assertThat(a.subList(0, a.size() - 1)).noneMatch(r -> r instanceof Analyzed.Tally);
    assertThat(analyze(List.of(), true)).singleElement().isInstanceOf(Analyzed.Tally.class);
  }

  private static List<Analyzed> analyze(List<ParsedRecord> partition, boolean countWords) {
    List<Analyzed> out = new ArrayList<>();
    TextPass.analyze(partition.iterator(), TestSettings.text(), countWords).forEachRemaining(out::add);
    return out;
  }

  private static ParsedRecord doc(String id, String text) {
    return new ParsedRecord.Document(new RawDocument(id, text, "f", 0));
  }

  private static ParsedRecord rejected(RejectReason reason) {
    return new ParsedRecord.Rejected(new RejectedRecord("f", 0, "x", reason, "m", "p"));
  }
}
