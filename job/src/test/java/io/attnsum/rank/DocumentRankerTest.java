package io.attnsum.rank;

import static io.attnsum.testing.TestSettings.attention;
import static io.attnsum.testing.TestSettings.rank;
import static org.assertj.core.api.Assertions.assertThat;

import io.attnsum.attention.AttentionSettings;
import io.attnsum.attention.SyntheticCorpus;
import io.attnsum.text.AnalyzedDocument;
import io.attnsum.encode.VectorPack;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DocumentRankerTest {
  static final AnalyzedDocument TOPIC =
      SyntheticCorpus.doc(
          "topic",
          "markets rose slightly on monday morning",
          "the new vaccine cuts flu infections in children sharply",
          "the vaccine cuts flu",
          "flu infections in children",
          "children infections sharply down",
          "the new vaccine in children",
          "weather was mild across the region");
  static final VectorPack PACK = packFor(TOPIC);

  private static VectorPack packFor(AnalyzedDocument... docs) {
    Set<String> words = new LinkedHashSet<>();
    for (AnalyzedDocument d : docs) {
      d.sentences().forEach(s -> words.addAll(Arrays.asList(s.tokens())));
    }
    words.add("w0");
    return SyntheticCorpus.pack(new ArrayList<>(words), 48, 5);
  }

  private static DocumentSummary one(RankSettings rank, AnalyzedDocument doc) {
    return summarize(attention(), rank, PACK, List.of(doc)).get(0);
  }

  /** One summarizer's output for {@code docs}, its workspaces freed. */
  static List<DocumentSummary> summarize(
      AttentionSettings attention, RankSettings rank, VectorPack pack, List<AnalyzedDocument> docs) {
    try (var summarizer = new io.attnsum.testing.WordVectorSummarizer(attention, rank, pack)) {
      return summarizer.summarize(docs);
    }
  }

  @Test
  void theSentenceEveryOtherSentenceRepeatsRanksFirst() {
    DocumentSummary s = one(rank("rank.position-weight = 0", "rank.length-weight = 0"), TOPIC);
    assertThat(s.sentences().get(1).rank()).isEqualTo(1);
    assertThat(s.selected()).contains(1);
    // the off-topic opener is not selected (with random vectors its similarity to the rest is
    // small but not zero, so only its exclusion is asserted, not its exact rank)
    assertThat(s.selected()).doesNotContain(0);
  }

  @Test
  void aDuplicatedSentenceIsNeverSelectedTwice() {
    AnalyzedDocument doc =
        SyntheticCorpus.doc(
            "dup",
            "the new vaccine cuts flu infections in children sharply",
            "the new vaccine cuts flu infections in children sharply",
            "the vaccine cuts flu",
            "markets rose slightly on monday morning",
            "flu infections in children");
    for (String redundancy : List.of("mmr", "trigram")) {
      for (String lambda : List.of("1.0", "0.7")) {
        DocumentSummary s =
            one(rank("rank.redundancy = " + redundancy, "rank.mmr-lambda = " + lambda,
                "summary.sentences = 2"), doc);
        assertThat(s.selected()).hasSize(2);
        // exactly one of the two copies (the topic sentence is worth selecting once)
        assertThat(Arrays.stream(s.selected()).filter(i -> i < 2).count())
            .as(redundancy + " " + lambda).isEqualTo(1);
      }
    }
  }

  @Test
  void oneSentenceDocumentSelectsThatSentence() {
    DocumentSummary s = one(rank(), SyntheticCorpus.doc("one", "the vaccine cuts flu"));
    assertThat(s.selected()).containsExactly(0);
    assertThat(s.sentences().get(0).rank()).isEqualTo(1);
    assertThat(s.sentences().get(0).selected()).isTrue();
    assertThat(s.sentences().get(0).knownTokens()).isEqualTo(4);
    assertThat(s.sentences().get(0).score()).isFinite();
  }

  @Test
  void documentWithoutKnownTokensIsRankedByPriorsAlone() {
    AnalyzedDocument doc =
        SyntheticCorpus.doc("oov", "zz yy xx", "aa bb cc dd", "qq", "rr ss tt uu", "pp oo");
    DocumentSummary s = one(rank("rank.position-weight = 1", "rank.position-decay = 1"), doc);
    assertThat(s.sentences()).allSatisfy(x -> {
      assertThat(x.knownTokens()).isZero();
      assertThat(x.score()).isFinite();
      assertThat(x.tokenWeights()).isNull();
    });
    // position prior decides among sentences long enough; "qq" (1 token) loses on length
    assertThat(s.selected()).containsExactly(0, 1, 3);
  }

  @Test
  void emptyDocumentGetsAnEmptySummary() {
    AnalyzedDocument empty =
        new AnalyzedDocument("e", io.attnsum.text.Language.EN, "", List.of(), 0, 0);
    DocumentSummary s = one(rank(), empty);
    assertThat(s.sentences()).isEmpty();
    assertThat(s.selected()).isEmpty();
  }

  @Test
  void budgetsBoundTheSummary() {
    // 7 sentences with 6, 9, 4, 4, 4, 5, 6 tokens
    DocumentSummary words = one(rank("summary.budget = words", "summary.max-words = 13"), TOPIC);
    int total = 0;
    for (int i : words.selected()) {
      total += TOPIC.sentences().get(i).tokens().length;
    }
    assertThat(total).isLessThanOrEqualTo(13);
    assertThat(words.selected().length).isGreaterThanOrEqualTo(2);
    DocumentSummary chars = one(rank("summary.budget = chars", "summary.max-chars = 5"), TOPIC);
    assertThat(chars.selected()).hasSize(1); // nothing fits: the top-ranked sentence alone
    assertThat(chars.sentences().get(chars.selected()[0]).rank()).isEqualTo(1);
    DocumentSummary ratio = one(rank("summary.budget = ratio", "summary.ratio = 0.3"), TOPIC);
    assertThat(ratio.selected()).hasSize(3); // ceil(0.3 * 7)
    assertThat(ratio.selected()).isSorted();
  }

  /**
   * A document's own summary length (input.summary-sentences-field) replaces the configured
   * budget: it is summarized exactly as under budget = sentences with that k, the same ranking
   * and redundancy rule, and keeps all its sentences when it has fewer.
   */
  @Test
  void aDocumentsOwnLengthIsASentenceBudgetOfThatK() {
    RankSettings words = rank("summary.budget = words", "summary.max-words = 13");
    for (int k : new int[] {1, 2, 5}) {
      DocumentSummary own = one(words, TOPIC.withSummarySentences(k));
      DocumentSummary configured = one(rank("summary.sentences = " + k), TOPIC);
      assertThat(own.selected()).hasSize(k).isEqualTo(configured.selected());
      for (int i = 0; i < TOPIC.sentences().size(); i++) {
        assertThat(own.sentences().get(i).score())
            .isEqualTo(configured.sentences().get(i).score());
      }
    }
    assertThat(one(words, TOPIC.withSummarySentences(50)).selected())
        .containsExactly(0, 1, 2, 3, 4, 5, 6);
    // A document without its own length keeps the configured budget (13 tokens).
    int tokens = 0;
    for (int i : one(words, TOPIC).selected()) {
      tokens += TOPIC.sentences().get(i).tokens().length;
    }
    assertThat(tokens).isBetween(1, 13);
  }

  @Test
  void ranksAreAPermutationWithTiesInDocumentOrder() {
    AnalyzedDocument doc = SyntheticCorpus.doc("tie", "zz yy", "aa bb", "cc dd", "ee ff");
    DocumentSummary s = one(rank("rank.position-weight = 0", "rank.length-weight = 0"), doc);
    // all scores equal (zero vectors, no priors): rank follows document order
    assertThat(s.sentences().stream().mapToInt(ScoredSentence::rank).toArray())
        .containsExactly(1, 2, 3, 4);
    assertThat(s.selected()).containsExactly(0, 1, 2);
  }

  @Test
  void aDocumentsSummaryDoesNotDependOnItsChunkBitForBit() {
    VectorPack pack = SyntheticCorpus.numberedPack(80, 24, 9);
    List<AnalyzedDocument> docs = SyntheticCorpus.randomDocs("r", new Random(99), 20, 80, 12, 40);
    AttentionSettings attention = attention(
        "attention.batch-size=16", "text.max-sentence-tokens=16", "output.token-weights=true");
    List<DocumentSummary> chunk = summarize(attention, rank(), pack, docs);
    for (int d : new int[] {0, 7, 19}) {
      DocumentSummary alone =
          summarize(attention(
              "attention.batch-size=3", "text.max-sentence-tokens=16", "output.token-weights=true"),
              rank(), pack, List.of(docs.get(d))).get(0);
      assertThat(chunk.get(d).selected()).isEqualTo(alone.selected());
      for (int i = 0; i < alone.sentences().size(); i++) {
        ScoredSentence a = alone.sentences().get(i);
        ScoredSentence c = chunk.get(d).sentences().get(i);
        assertThat(c.score()).isEqualTo(a.score());
        assertThat(c.rank()).isEqualTo(a.rank());
        assertThat(c.tokenWeights()).isEqualTo(a.tokenWeights());
      }
    }
  }

  /**
   * The job keeps one summarizer, and so its ND4J workspaces, for a whole partition: a chunk after
   * a chunk of longer documents (workspaces already grown), and after close(), must come out
   * exactly as from a fresh summarizer.
   */
  @Test
  void aReusedSummarizerMatchesAFreshOneBitForBit() {
    Random random = new Random(5);
    VectorPack pack = SyntheticCorpus.numberedPack(80, 24, 9);
    List<AnalyzedDocument> longDocs = new ArrayList<>();
    List<AnalyzedDocument> shortDocs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      longDocs.add(SyntheticCorpus.randomDoc("l" + i, random, 80, 30, 60));
      shortDocs.add(SyntheticCorpus.randomDoc("s" + i, random, 80, 6, 9));
    }
    AttentionSettings attention = attention("output.token-weights=true");
    List<List<DocumentSummary>> reused = new ArrayList<>();
    try (var summarizer = new io.attnsum.testing.WordVectorSummarizer(attention, rank(), pack)) {
      reused.add(summarizer.summarize(longDocs));
      reused.add(summarizer.summarize(shortDocs));
      summarizer.close();
      reused.add(summarizer.summarize(shortDocs));
    }
    List<List<DocumentSummary>> fresh = List.of(
        summarize(attention, rank(), pack, longDocs),
        summarize(attention, rank(), pack, shortDocs),
        summarize(attention, rank(), pack, shortDocs));
    for (int c = 0; c < fresh.size(); c++) {
      for (int d = 0; d < fresh.get(c).size(); d++) {
        DocumentSummary a = fresh.get(c).get(d);
        DocumentSummary b = reused.get(c).get(d);
        assertThat(b.selected()).isEqualTo(a.selected());
        assertThat(b.sentences()).hasSameSizeAs(a.sentences());
        for (int i = 0; i < a.sentences().size(); i++) {
          assertThat(b.sentences().get(i).score()).isEqualTo(a.sentences().get(i).score());
          assertThat(b.sentences().get(i).tokenWeights()).isEqualTo(a.sentences().get(i).tokenWeights());
        }
      }
    }
  }

  /**
   * {@code rank.embedding-weight = 0} is the lexical-only ablation: the sentence vectors are not
   * read at all, for the graph, the redundancy control or the position gate. The real pooled
   * vectors, other random vectors, zeros and NaN give the same summaries, bit for bit; at the
   * default weight the vectors do change them.
   */
  @Test
  void embeddingWeightZeroLeavesTheVectorsOutOfTheRanking() {
    VectorPack pack = SyntheticCorpus.numberedPack(80, 24, 9);
    List<AnalyzedDocument> docs = SyntheticCorpus.randomDocs("e", new Random(21), 20, 80, 12, 25);
    docs.add(TOPIC);
    List<io.attnsum.attention.PooledSentences> real;
    try (var pooler = new io.attnsum.attention.AttentionPooler(attention())) {
      real = pooler.pool(new io.attnsum.encode.WordVectorEncoder(pack).encode(docs, false));
    }
    Random random = new Random(8);
    List<List<io.attnsum.attention.PooledSentences>> others = new ArrayList<>();
    for (String kind : List.of("random", "zero", "nan")) {
      List<io.attnsum.attention.PooledSentences> replaced = new ArrayList<>();
      for (io.attnsum.attention.PooledSentences p : real) {
        float[] v = new float[p.vectors().length];
        for (int i = 0; i < v.length; i++) {
          v[i] = switch (kind) {
            case "random" -> (float) random.nextGaussian();
            case "zero" -> 0f;
            default -> Float.NaN;
          };
        }
        replaced.add(new io.attnsum.attention.PooledSentences(p.dim(), v, p.knownTokens(),
            p.tokenWeights(), p.tokens()));
      }
      others.add(replaced);
    }
    RankSettings ablation = rank("rank.embedding-weight=0");
    List<DocumentSummary> lexical = rankWith(ablation, docs, real);
    for (List<io.attnsum.attention.PooledSentences> vectors : others) {
      assertThat(rankWith(ablation, docs, vectors)).usingRecursiveComparison().isEqualTo(lexical);
    }
    // With a share of the graph the embeddings carry signal: other vectors rank otherwise.
    RankSettings blended = rank("rank.embedding-weight=0.15");
    assertThat(blended.embeddingWeight()).isPositive();
    List<DocumentSummary> withReal = rankWith(blended, docs, real);
    List<DocumentSummary> withRandom = rankWith(blended, docs, others.get(0));
    assertThat(differentScores(withReal, lexical)).isPositive();
    assertThat(differentScores(withReal, withRandom)).isPositive();
  }

  private static List<DocumentSummary> rankWith(RankSettings settings, List<AnalyzedDocument> docs,
      List<io.attnsum.attention.PooledSentences> vectors) {
    try (DocumentRanker ranker = new DocumentRanker(settings, SyntheticCorpus.numberedPack(80, 24, 9),
        io.attnsum.attention.AttentionKernel.AUTO.resolve())) {
      return ranker.rank(docs, vectors);
    }
  }

  /** Documents whose sentence scores differ between the two. */
  private static long differentScores(List<DocumentSummary> a, List<DocumentSummary> b) {
    long documents = 0;
    for (int d = 0; d < a.size(); d++) {
      for (int i = 0; i < a.get(d).sentences().size(); i++) {
        if (a.get(d).sentences().get(i).score() != b.get(d).sentences().get(i).score()) {
          documents++;
          break;
        }
      }
    }
    return documents;
  }
}
