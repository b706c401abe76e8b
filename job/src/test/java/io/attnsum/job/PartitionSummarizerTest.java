package io.attnsum.job;

import static io.attnsum.testing.TestSettings.attention;
import static io.attnsum.testing.TestSettings.rank;
import static org.assertj.core.api.Assertions.assertThat;

import io.attnsum.attention.AttentionPooler;
import io.attnsum.attention.AttentionSettings;
import io.attnsum.attention.PooledSentences;
import io.attnsum.attention.SyntheticCorpus;
import io.attnsum.encode.BertEncoder;
import io.attnsum.encode.ContextualEncoder;
import io.attnsum.encode.EncodedChunk;
import io.attnsum.encode.EncoderMode;
import io.attnsum.encode.EncoderSource;
import io.attnsum.encode.PieceFrequencies;
import io.attnsum.encode.Pooling;
import io.attnsum.encode.PreparedEncoder;
import io.attnsum.encode.SentenceEncoder;
import io.attnsum.encode.StaticDistiller;
import io.attnsum.encode.StaticPieceEncoder;
import io.attnsum.encode.TinyBert;
import io.attnsum.encode.WordPieceTokenizer;
import io.attnsum.rank.DocumentRanker;
import io.attnsum.rank.DocumentSummary;
import io.attnsum.rank.ScoredSentence;
import io.attnsum.testing.WordVectorSummarizer;
import io.attnsum.text.AnalyzedDocument;
import io.attnsum.text.CorpusVocabulary;
import io.attnsum.text.Language;
import io.attnsum.text.Sentence;
import io.attnsum.encode.VectorPack;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
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
        packFile.toUri().toString(), vocabulary.toUri().toString(), 128, true);
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

  /**
   * With nothing reading the sentence vectors the chunk is ranked without an encoder: the same
   * summaries and scores as when the encoder runs at weight 0, known-token counts −1, and no
   * encoder opened (the prepared encoder has none to open).
   */
  @Test
  void withoutAReaderOfTheVectorsNoEncoderRunsAndTheSummariesAreTheSame() throws IOException {
    VectorPack pack = SyntheticCorpus.numberedPack(80, 24, 9);
    List<AnalyzedDocument> docs = bilingual();
    PreparedEncoder encoding = prepared(pack);
    PreparedEncoder none = new PreparedEncoder(EncoderMode.STATIC, Map.of(), Map.of(), null,
        encoding.vocabularyUri(), 128, false);
    List<DocumentSummary> encoded;
    try (PartitionSummarizer s = new PartitionSummarizer(encoding, attention(), rank())) {
      encoded = s.summarize(docs);
      assertThat(s.sentencesEncoded()).isPositive();
    }
    try (PartitionSummarizer s = new PartitionSummarizer(none, attention(), rank())) {
      List<DocumentSummary> got = s.summarize(docs);
      assertThat(s.sentencesEncoded()).isZero();
      assertThat(s.encodeNanos()).isZero();
      assertThat(s.attentionNanos()).isZero();
      assertThat(got).hasSameSizeAs(encoded);
      for (int d = 0; d < got.size(); d++) {
        assertThat(got.get(d).selected()).isEqualTo(encoded.get(d).selected());
        for (int i = 0; i < got.get(d).sentences().size(); i++) {
          ScoredSentence a = got.get(d).sentences().get(i);
          ScoredSentence b = encoded.get(d).sentences().get(i);
          assertThat(a.score()).isEqualTo(b.score());
          assertThat(a.rank()).isEqualTo(b.rank());
          assertThat(a.selected()).isEqualTo(b.selected());
          assertThat(a.knownTokens()).isEqualTo(-1);
        }
      }
    }
  }

  /** The words of {@code docs} with their counts, as the text stage would count them. */
  private static CorpusVocabulary vocabularyOf(List<AnalyzedDocument> docs) {
    Map<String, Long> counts = new TreeMap<>();
    for (AnalyzedDocument d : docs) {
      for (Sentence s : d.sentences()) {
        for (String t : s.tokens()) {
          counts.merge(t, 1L, Long::sum);
        }
      }
    }
    return new CorpusVocabulary(counts.keySet().toArray(String[]::new),
        counts.values().stream().mapToLong(Long::longValue).toArray());
  }

  /** A Chinese document: sentences of CJK characters, one token per character. */
  private static AnalyzedDocument chinese(String id, String... sentences) {
    AnalyzedDocument en = SyntheticCorpus.doc(id, sentences);
    List<Sentence> out = new ArrayList<>();
    for (Sentence s : en.sentences()) {
      out.add(new Sentence(s.index(), s.text(), s.start(), s.end(),
          s.text().codePoints().mapToObj(Character::toString).toArray(String[]::new)));
    }
    return new AnalyzedDocument(id, Language.ZH, en.text(), out, out.size(), 0);
  }

  /** English and Chinese documents, interleaved, so that a chunk holds both languages. */
  private static List<AnalyzedDocument> bilingual() {
    List<AnalyzedDocument> docs = new ArrayList<>(
        SyntheticCorpus.randomDocs("t", new Random(11), 8, 80, 8, 20));
    docs.add(2, chinese("z1", "法院被告是公司。", "市人民法院在年中。", "大人不和。"));
    docs.add(5, SyntheticCorpus.doc("n1", "The government said growth rose in the first year.",
        "Music sales fell as mobile phones took over the market, the report said.",
        "Prices rose."));
    docs.add(7, chinese("z2", "中国公司有一年了。", "法院是大的。"));
    return docs;
  }

  /**
   * The tiny BERT as a user's encoder ({@code encoder.path}) for both languages, prepared as the
   * encode stage would: its static pack (static mode) and the corpus vocabulary on disk.
   */
  private PreparedEncoder tiny(EncoderMode mode, List<AnalyzedDocument> docs) throws IOException {
    Path folder = TinyBert.writeTo(dir.resolve("tiny"));
    EncoderSource source = EncoderSource.folder(folder.toString(), Pooling.MEAN);
    Map<Language, String> packs = Map.of();
    if (mode == EncoderMode.STATIC) {
      Path pack = dir.resolve("static.pack");
      try (OutputStream out = Files.newOutputStream(pack)) {
        StaticDistiller.distil(TINY, TinyBert.tokenizer(), 16, 1e-4).write(out);
      }
      packs = Map.of(Language.EN, pack.toUri().toString(), Language.ZH, pack.toUri().toString());
    }
    Path vocabulary = dir.resolve("vocabulary.bin");
    try (OutputStream out = Files.newOutputStream(vocabulary)) {
      vocabularyOf(docs).write(out);
    }
    return new PreparedEncoder(mode, Map.of(Language.EN, source, Language.ZH, source), packs, null,
        vocabulary.toUri().toString(), TINY_MAX_TOKENS, true);
  }

  private static final BertEncoder TINY = new BertEncoder(TinyBert.model());
  private static final int TINY_MAX_TOKENS = 8;

  @AfterAll
  static void releaseTiny() {
    TINY.releaseThreadMemory();
  }

  /**
   * Static pieces and contextual states of the tiny BERT, pooled by attention or by the model:
   * the summarizer over a chunk of two languages gives what each language's documents give
   * through the stages one by one.
   */
  @Test
  void pretrainedEncodersInEachModeGiveWhatTheStagesGiveOneByOne() throws IOException {
    List<AnalyzedDocument> docs = bilingual();
    String[][] cases = {{"static", "attention"}, {"contextual", "attention"},
        {"contextual", "model"}};
    for (String[] c : cases) {
      EncoderMode mode = c[0].equals("static") ? EncoderMode.STATIC : EncoderMode.CONTEXTUAL;
      AttentionSettings attention = attention("attention.pooling=" + c[1],
          "output.token-weights=true");
      PreparedEncoder prepared = tiny(mode, docs);
      WordPieceTokenizer tokenizer = TinyBert.tokenizer();
      List<DocumentSummary> expected = new ArrayList<>();
      Map<String, DocumentSummary> byId = new java.util.HashMap<>();
      try (AttentionPooler pooler = new AttentionPooler(attention);
          DocumentRanker ranker = new DocumentRanker(rank(), vocabularyOf(docs), pooler.kernel())) {
        SentenceEncoder encoder = mode == EncoderMode.STATIC
            ? new StaticPieceEncoder(tokenizer,
                StaticDistiller.distil(TINY, tokenizer, 16, 1e-4))
            : new ContextualEncoder(TINY, tokenizer, new PieceFrequencies(tokenizer), Pooling.MEAN,
                TINY_MAX_TOKENS);
        for (Language language : Language.values()) {
          List<AnalyzedDocument> group = docs.stream().filter(d -> d.language() == language)
              .toList();
          EncodedChunk chunk = encoder.encode(group, true);
          List<PooledSentences> pooled = c[1].equals("model")
              ? AttentionPooler.modelPooled(chunk, true) : pooler.pool(chunk);
          List<DocumentSummary> ranked = ranker.rank(group, pooled);
          for (int i = 0; i < group.size(); i++) {
            byId.put(group.get(i).id(), ranked.get(i));
          }
        }
      }
      docs.forEach(d -> expected.add(byId.get(d.id())));
      try (PartitionSummarizer summarizer = new PartitionSummarizer(prepared, attention, rank())) {
        List<DocumentSummary> got = summarizer.summarize(docs);
        assertThat(got).as(String.join("/", c)).usingRecursiveComparison().isEqualTo(expected);
        assertThat(summarizer.sentencesEncoded())
            .isEqualTo(docs.stream().mapToLong(d -> d.sentences().size()).sum());
        // Both languages went through the tiny BERT's pieces: the tokens are its pieces.
        assertThat(got.get(2).sentences().get(0).tokens()).contains("法", "院");
        assertThat(got.get(5).sentences().get(0).tokens()).contains("government");
      }
    }
  }
}
