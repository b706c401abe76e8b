package io.attnsum.rank;

import io.attnsum.attention.AttentionPooler;
import io.attnsum.attention.AttentionSettings;
import io.attnsum.attention.BatchedGram;
import io.attnsum.attention.PooledSentences;
import io.attnsum.text.AnalyzedDocument;
import io.attnsum.text.Sentence;
import io.attnsum.vectors.VectorPack;
import java.util.ArrayList;
import java.util.List;

/**
 * The attention and rank stages for a chunk of documents: attention-pooled sentence vectors
 * (batched over the whole chunk, see {@link AttentionPooler}), the sentence graphs' dot products
 * (in float64, per document or batched per body size for the whole chunk, see {@link BatchedGram}),
 * centrality scores per document ({@link CentralityRanker}) and the summary selection ({@link
 * SummarySelector}).
 *
 * <p>Deterministic, and a document's result does not depend on the other documents of its chunk
 * (bit for bit; see {@link AttentionPooler} for why batching preserves that). Edge cases: a
 * document without sentences gets empty lists; a one-sentence document selects that sentence; a
 * sentence (or a whole document) without known tokens has a zero vector, so only the position and
 * length priors score it, and {@code knownTokens} = 0 flags it.
 *
 * <p>Not thread-safe (reuses buffers and holds ND4J workspaces, which are per thread): create one
 * per task thread, e.g. once per {@code mapPartitions} call, and {@link #close()} it when the
 * partition is done.
 */
public final class DocumentSummarizer implements AutoCloseable {
  private final AttentionPooler pooler;
  private final CentralityRanker ranker;
  private final SummarySelector selector;
  private final LexicalSimilarity lexical;
  private final double lexicalWeight;
  private final RankSettings settings;
  private final int dim;
  private BatchedGram gram; // kept, like the pooler's attention, for its workspace
  // Time spent in each stage since construction. The two run fused, chunk by chunk, in one task
  // pass, so Spark's stage times cannot tell them apart; the job reports these instead.
  private long attentionNanos;
  private long rankNanos;

  public DocumentSummarizer(AttentionSettings attention, RankSettings rank, VectorPack pack) {
    this.pooler = new AttentionPooler(attention, pack);
    this.ranker = new CentralityRanker(rank);
    this.selector = new SummarySelector(rank);
    this.lexical = new LexicalSimilarity(pack, rank.lexicalSifA(), rank.lexicalHan());
    this.lexicalWeight = rank.lexicalWeight();
    this.settings = rank;
    this.dim = pack.dim();
  }

  /** One summary per document, same order. */
  public List<DocumentSummary> summarize(List<AnalyzedDocument> docs) {
    long started = System.nanoTime();
    List<PooledSentences> pooled = pooler.pool(docs);
    long pooledAt = System.nanoTime();
    Body[] bodies = new Body[docs.size()];
    float[][] vectors = new float[docs.size()][];
    int[] rows = new int[docs.size()];
    for (int d = 0; d < docs.size(); d++) {
      bodies[d] = body(docs.get(d), pooled.get(d));
      vectors[d] = bodies[d].vectors;
      rows[d] = bodies[d].sentences.size();
    }
    double[][] grams = grams(vectors, rows);
    List<DocumentSummary> out = new ArrayList<>(docs.size());
    for (int d = 0; d < docs.size(); d++) {
      out.add(rank(bodies[d], grams[d]));
    }
    attentionNanos += pooledAt - started;
    rankNanos += System.nanoTime() - pooledAt;
    return out;
  }

  /** The attention kernel this summarizer runs (its settings' kernel resolved in this JVM). */
  public io.attnsum.attention.AttentionKernel kernel() {
    return pooler.kernel();
  }

  /** Nanoseconds spent pooling (the attention stage) by {@link #summarize(List)} so far. */
  public long attentionNanos() {
    return attentionNanos;
  }

  /**
   * Nanoseconds spent after pooling by {@link #summarize(List)} so far: sentence graphs, their
   * Gram products, centrality and selection (the rank stage).
   */
  public long rankNanos() {
    return rankNanos;
  }

  /** One document from its pooled vectors (package-private: the tuning harness reuses pooling). */
  DocumentSummary summarize(AnalyzedDocument doc, PooledSentences p) {
    Body body = body(doc, p);
    return rank(body, grams(new float[][] {body.vectors}, new int[] {body.sentences.size()})[0]);
  }

  /**
   * Frees the native workspaces of the attention and the Gram products; call it from the thread
   * that summarized, when done (the summarizer stays usable and makes new ones).
   */
  @Override
  public void close() {
    pooler.close();
    if (gram != null) {
      gram.close();
      gram = null;
    }
  }

  /**
   * The sentence vectors' Gram matrices of the whole chunk: per document by the Java kernel, or
   * one batched ND4J product per size (the pooler's kernel decides).
   */
  private double[][] grams(float[][] vectors, int[] rows) {
    if (gram == null) {
      gram = new BatchedGram(pooler.kernel());
    }
    return gram.grams(vectors, rows, dim);
  }

  /** A document's body: its sentences less headings, with their pooled vectors. */
  private record Body(
      AnalyzedDocument doc,
      PooledSentences pooled,
      boolean[] heading,
      int[] indices,
      List<Sentence> sentences,
      float[] vectors,
      int[][] tokenRows) {}

  private Body body(AnalyzedDocument doc, PooledSentences p) {
    List<Sentence> sentences = doc.sentences();
    int n = sentences.size();
    boolean[] heading = settings.skipHeadings() ? Headings.of(doc) : new boolean[n];
    // Headings are left out of the graph, the priors and the selection: the body is ranked as if
    // they were not there (its first sentence is the lead), then they rank last.
    int[] body = bodyIndices(heading);
    List<Sentence> bodySentences = new ArrayList<>(body.length);
    float[] bodyVectors = new float[body.length * p.dim()];
    int[][] bodyRows = new int[body.length][];
    for (int b = 0; b < body.length; b++) {
      bodySentences.add(sentences.get(body[b]));
      bodyRows[b] = p.tokenRows()[body[b]];
      System.arraycopy(p.vectors(), body[b] * p.dim(), bodyVectors, b * p.dim(), p.dim());
    }
    return new Body(doc, p, heading, body, bodySentences, bodyVectors, bodyRows);
  }

  /** Graph, centrality scores and selection of one document's body, from its Gram matrix. */
  private DocumentSummary rank(Body part, double[] gram) {
    PooledSentences p = part.pooled;
    int n = part.doc.sentences().size();
    boolean[] heading = part.heading;
    int[] body = part.indices;
    List<Sentence> bodySentences = part.sentences;
    int m = body.length;
    SentenceGraph graph = SentenceGraph.fromGram(gram, m);
    if (lexicalWeight > 0) {
      graph = graph.blend(lexical.cosine(bodySentences, part.tokenRows), lexicalWeight);
    }
    int[] lengths = new int[m];
    long tokens = 0;
    long chars = 0;
    for (int b = 0; b < m; b++) {
      lengths[b] = bodySentences.get(b).tokens().length;
      tokens += lengths[b];
      chars += bodySentences.get(b).text().length();
    }
    // A document that gives its own summary length is ranked and selected for that length.
    RankSettings own = settings.forDocument(part.doc.summarySentences());
    double[] bodyScores = ranker.score(graph, lengths, own.expectedSentences(m, tokens, chars));
    // The limit counts the whole document, headings included: the sentence count the summaries
    // table reports, which a ratio is taken of.
    int limit = own.sentenceLimit(n);
    SummarySelector select = own == settings ? selector : new SummarySelector(own);
    int[] bodySelected = select.select(bodySentences, bodyScores, graph, limit);

    double[] scores = new double[n];
    double lowest = Double.POSITIVE_INFINITY;
    for (int b = 0; b < m; b++) {
      scores[body[b]] = bodyScores[b];
      lowest = Math.min(lowest, bodyScores[b]);
    }
    for (int i = 0, h = 0; i < n; i++) {
      if (heading[i]) {
        scores[i] = lowest - 1.0 - 1e-3 * h++; // after every body sentence, in document order
      }
    }
    boolean[] isSelected = new boolean[n];
    int count = 0;
    for (int b : bodySelected) {
      isSelected[body[b]] = true;
      count++;
    }
    // A document with fewer body sentences than a sentence budget asks for fills up with its
    // headings, so every summary has min(k, sentences) sentences.
    if (own.budget().countsSentences() && count < Math.min(limit, n)) {
      for (int i = 0; i < n && count < limit; i++) {
        if (heading[i]) {
          isSelected[i] = true;
          count++;
        }
      }
    }
    int[] selected = new int[count];
    for (int i = 0, c = 0; i < n; i++) {
      if (isSelected[i]) {
        selected[c++] = i;
      }
    }
    Integer[] order = SummarySelector.ranking(scores);
    int[] rank = new int[n];
    for (int r = 0; r < n; r++) {
      rank[order[r]] = r + 1;
    }
    List<ScoredSentence> scored = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      scored.add(
          new ScoredSentence(
              i,
              scores[i],
              rank[i],
              isSelected[i],
              p.knownTokens()[i],
              p.tokenWeights() == null ? null : p.tokenWeights()[i]));
    }
    return new DocumentSummary(part.doc, scored, selected);
  }

  /** Indices of the sentences that are not headings; all of them when every one is a heading. */
  private static int[] bodyIndices(boolean[] heading) {
    int m = 0;
    for (boolean h : heading) {
      m += h ? 0 : 1;
    }
    if (m == 0) {
      m = heading.length;
      heading = new boolean[heading.length];
    }
    int[] body = new int[m];
    for (int i = 0, b = 0; i < heading.length; i++) {
      if (!heading[i]) {
        body[b++] = i;
      }
    }
    return body;
  }
}
