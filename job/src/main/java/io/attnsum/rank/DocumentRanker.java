package io.attnsum.rank;

import io.attnsum.attention.AttentionKernel;
import io.attnsum.attention.BatchedGram;
import io.attnsum.attention.PooledSentences;
import io.attnsum.text.AnalyzedDocument;
import io.attnsum.text.Sentence;
import io.attnsum.text.WordFrequencies;
import java.util.ArrayList;
import java.util.List;

/**
 * The rank stage for a chunk of documents, from their sentence vectors: the sentence graphs
 * (embedding cosines from the vectors' float64 dot products, per document or batched per body size
 * for the whole chunk, see {@link BatchedGram}, blended with TF-IDF cosines, see {@link
 * LexicalSimilarity}), centrality scores per document ({@link CentralityRanker}) and the summary
 * selection ({@link SummarySelector}).
 *
 * <p>{@code rank.embedding-weight} is the share of the embedding cosines in the graph; at 0 the
 * vectors are not used at all (no dot products either): the graph, the redundancy control and
 * the position gate are then lexical, the ablation of everything the encoder and the attention
 * add.
 *
 * <p>Deterministic, and a document's result does not depend on the other documents of its chunk
 * (bit for bit). Edge cases: a document without sentences gets empty lists; a one-sentence
 * document selects that sentence; a sentence (or a whole document) without known tokens has a
 * zero vector, so only the lexical graph and the priors score it, and {@code knownTokens} = 0
 * flags it.
 *
 * <p>Not thread-safe (reuses buffers, and the ND4J kernel's Gram products hold a workspace, which
 * is per thread): one per task thread, {@link #close() closed} when the partition is done.
 */
public final class DocumentRanker implements AutoCloseable {
  private final CentralityRanker ranker;
  private final SummarySelector selector;
  private final LexicalSimilarity lexical;
  private final double embeddingWeight;
  private final RankSettings settings;
  private final AttentionKernel kernel;
  private BatchedGram gram; // kept for its workspace

  /**
   * @param words corpus frequencies of the text stage's words (the lexical similarity's weights)
   * @param kernel who computes the Gram products (the attention stage's kernel)
   */
  public DocumentRanker(RankSettings rank, WordFrequencies words, AttentionKernel kernel) {
    this.ranker = new CentralityRanker(rank);
    this.selector = new SummarySelector(rank);
    this.lexical = new LexicalSimilarity(words, rank.lexicalSifA(), rank.lexicalHan());
    this.embeddingWeight = rank.embeddingWeight();
    this.settings = rank;
    this.kernel = kernel;
  }

  /** One summary per document, same order; {@code pooled.get(d)} holds document d's vectors. */
  public List<DocumentSummary> rank(List<AnalyzedDocument> docs, List<PooledSentences> pooled) {
    Body[] bodies = new Body[docs.size()];
    float[][] vectors = new float[docs.size()][];
    int[] rows = new int[docs.size()];
    for (int d = 0; d < docs.size(); d++) {
      bodies[d] = body(docs.get(d), pooled.get(d));
      vectors[d] = bodies[d].vectors;
      rows[d] = bodies[d].sentences.size();
    }
    double[][] grams = embeddingWeight > 0 ? grams(vectors, rows, pooled) : null;
    List<DocumentSummary> out = new ArrayList<>(docs.size());
    for (int d = 0; d < docs.size(); d++) {
      out.add(rank(bodies[d], grams == null ? null : grams[d]));
    }
    return out;
  }

  /** One document ({@code p}: its sentence vectors). */
  public DocumentSummary rank(AnalyzedDocument doc, PooledSentences p) {
    return rank(List.of(doc), List.of(p)).get(0);
  }

  /**
   * Frees the Gram products' native workspace; call it from the thread that ranked, when done
   * (the ranker stays usable and makes a new one).
   */
  @Override
  public void close() {
    if (gram != null) {
      gram.close();
      gram = null;
    }
  }

  /**
   * The sentence vectors' Gram matrices of the whole chunk (of one vector width): per document by
   * the Java kernel, or one batched ND4J product per size.
   */
  private double[][] grams(float[][] vectors, int[] rows, List<PooledSentences> pooled) {
    if (gram == null) {
      gram = new BatchedGram(kernel);
    }
    int dim = pooled.isEmpty() ? 1 : pooled.get(0).dim();
    return gram.grams(vectors, rows, dim);
  }

  /** A document's body: its sentences less headings, with their pooled vectors. */
  private record Body(
      AnalyzedDocument doc,
      PooledSentences pooled,
      boolean[] heading,
      int[] indices,
      List<Sentence> sentences,
      float[] vectors) {}

  private Body body(AnalyzedDocument doc, PooledSentences p) {
    List<Sentence> sentences = doc.sentences();
    int n = sentences.size();
    boolean[] heading = settings.skipHeadings() ? Headings.of(doc) : new boolean[n];
    // Headings are left out of the graph, the priors and the selection: the body is ranked as if
    // they were not there (its first sentence is the lead), then they rank last.
    int[] body = bodyIndices(heading);
    List<Sentence> bodySentences = new ArrayList<>(body.length);
    float[] bodyVectors = new float[body.length * p.dim()];
    for (int b = 0; b < body.length; b++) {
      bodySentences.add(sentences.get(body[b]));
      System.arraycopy(p.vectors(), body[b] * p.dim(), bodyVectors, b * p.dim(), p.dim());
    }
    return new Body(doc, p, heading, body, bodySentences, bodyVectors);
  }

  /**
   * Graph, centrality scores and selection of one document's body, from its Gram matrix (null
   * when the embeddings are left out).
   */
  private DocumentSummary rank(Body part, double[] gram) {
    PooledSentences p = part.pooled;
    int n = part.doc.sentences().size();
    boolean[] heading = part.heading;
    int[] body = part.indices;
    List<Sentence> bodySentences = part.sentences;
    int m = body.length;
    double[] lexicalCosines = lexical.cosine(bodySentences, null);
    SentenceGraph graph = gram == null
        ? SentenceGraph.of(lexicalCosines, m)
        : SentenceGraph.fromGram(gram, m).blend(lexicalCosines, 1 - embeddingWeight);
    int[] lengths = new int[m];
    long tokens = 0;
    long chars = 0;
    for (int b = 0; b < m; b++) {
      lengths[b] = bodySentences.get(b).tokens().length;
      tokens += lengths[b];
      chars += bodySentences.get(b).text().length();
    }
    // A document that gives its own summary length is ranked and selected for that length.
    SummaryBudget own = settings.summary().forDocument(part.doc.summarySentences());
    double[] bodyScores = ranker.score(graph, lengths, own.expectedSentences(m, tokens, chars));
    // The limit counts the whole document, headings included: the sentence count the summaries
    // table reports, which a ratio is taken of.
    int limit = own.sentenceLimit(n);
    int[] bodySelected = selector.select(bodySentences, bodyScores, graph, own, limit);

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
              p.tokenWeights() == null ? null : p.tokenWeights()[i],
              p.tokens() == null ? null : p.tokens()[i]));
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
