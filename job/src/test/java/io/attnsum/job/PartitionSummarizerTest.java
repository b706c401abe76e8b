package io.attnsum.job;

import static io.attnsum.testing.TestSettings.attention;
import static io.attnsum.testing.TestSettings.rank;
import static org.assertj.core.api.Assertions.assertThat;

import io.attnsum.attention.SyntheticCorpus;
import io.attnsum.encode.EncoderMode;
import io.attnsum.encode.PreparedEncoder;
import io.attnsum.rank.DocumentSummary;
import io.attnsum.testing.WordVectorSummarizer;
import io.attnsum.text.AnalyzedDocument;
import io.attnsum.text.CorpusVocabulary;
import io.attnsum.vectors.VectorPack;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionSummarizerTest {
  @TempDir Path dir;

  /** A word-vector encoder prepared as the encode stage would: the pack and vocabulary on disk. */
  private PreparedEncoder prepared(VectorPack pack) throws IOException {
    Path packFile = dir.resolve("vectors.pack");
    try (OutputStream out = Files.newOutputStream(packFile)) {
      pack.write(out);
    }
    String[] words = new String[pack.size()];
    long[] counts = new long[pack.size()];
    for (int i = 0; i < words.length; i++) {
      words[i] = pack.word(i);
      counts[i] = pack.count(i);
    }
    Path vocabulary = dir.resolve("vocabulary.bin");
    try (OutputStream out = Files.newOutputStream(vocabulary)) {
      new CorpusVocabulary(words, counts).write(out);
    }
    return new PreparedEncoder(EncoderMode.WORD_VECTORS, Map.of(), Map.of(),
        packFile.toUri().toString(), vocabulary.toUri().toString(), 128);
  }

  @Test
  void theStagesInOrderGiveWhatTheyGiveOneByOne() throws IOException {
    VectorPack pack = SyntheticCorpus.numberedPack(80, 24, 9);
    List<AnalyzedDocument> docs = SyntheticCorpus.randomDocs("t", new Random(11), 20, 80, 8, 20);
    List<DocumentSummary> expected;
    try (var alone = new WordVectorSummarizer(attention(), rank("rank.embedding-weight=0.15"), pack)) {
      expected = alone.summarize(docs);
    }
    try (PartitionSummarizer summarizer = new PartitionSummarizer(prepared(pack), attention(), rank("rank.embedding-weight=0.15"))) {
      List<DocumentSummary> got = summarizer.summarize(docs);
      assertThat(got).usingRecursiveComparison().isEqualTo(expected);
      assertThat(summarizer.sentencesEncoded())
          .isEqualTo(docs.stream().mapToLong(d -> d.sentences().size()).sum());
    }
  }

  @Test
  void stageTimesAddUpAcrossChunksAndStayWithinTheWallTime() throws IOException {
    VectorPack pack = SyntheticCorpus.numberedPack(80, 24, 9);
    List<AnalyzedDocument> docs = SyntheticCorpus.randomDocs("t", new Random(11), 20, 80, 8, 20);
    try (PartitionSummarizer summarizer = new PartitionSummarizer(prepared(pack), attention(), rank("rank.embedding-weight=0.15"))) {
      assertThat(summarizer.attentionNanos()).isZero();
      assertThat(summarizer.rankNanos()).isZero();
      long started = System.nanoTime();
      summarizer.summarize(docs.subList(0, 10));
      long afterFirst = System.nanoTime();
      long encodeFirst = summarizer.encodeNanos();
      long attentionFirst = summarizer.attentionNanos();
      long rankFirst = summarizer.rankNanos();
      assertThat(encodeFirst).isPositive();
      assertThat(attentionFirst).isPositive();
      assertThat(rankFirst).isPositive();
      assertThat(encodeFirst + attentionFirst + rankFirst).isLessThanOrEqualTo(afterFirst - started);
      summarizer.summarize(docs.subList(10, 20));
      long afterSecond = System.nanoTime();
      // Totals since construction: the second chunk adds to each, and all of it fits in the wall
      // time around the two calls.
      assertThat(summarizer.encodeNanos()).isGreaterThan(encodeFirst);
      assertThat(summarizer.attentionNanos()).isGreaterThan(attentionFirst);
      assertThat(summarizer.rankNanos()).isGreaterThan(rankFirst);
      assertThat(summarizer.encodeNanos() + summarizer.attentionNanos() + summarizer.rankNanos())
          .isLessThanOrEqualTo(afterSecond - started);
    }
  }
}
