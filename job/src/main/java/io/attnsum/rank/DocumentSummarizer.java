package io.attnsum.rank;

import io.attnsum.attention.AttentionPooler;
import io.attnsum.attention.AttentionSettings;
import io.attnsum.attention.PooledSentences;
import io.attnsum.text.AnalyzedDocument;
import io.attnsum.text.Sentence;
import io.attnsum.vectors.VectorPack;
import java.util.ArrayList;
import java.util.List;

/**
 * The attention and rank stages for a chunk of documents: attention-pooled sentence vectors
 * (batched over the whole chunk, see {@link AttentionPooler}), centrality scores per document
 * ({@link CentralityRanker}) and the summary selection ({@link SummarySelector}).
 *
 * <p>Deterministic, and a document's result does not depend on the other documents of its chunk
 * (bit for bit; see {@link AttentionPooler} for why batching preserves that). Edge cases: a
 * document without sentences gets empty lists; a one-sentence document selects that sentence; a
 * sentence (or a whole document) without known tokens has a zero vector, so only the position and
 * length priors score it, and {@code knownTokens} = 0 flags it.
 *
 * <p>Not thread-safe (reuses buffers): create one per task thread, e.g. once per {@code
 * mapPartitions} call.
 */
public final class DocumentSummarizer {
  private final AttentionPooler pooler;
  private final CentralityRanker ranker;
  private final SummarySelector selector;
  private final LexicalSimilarity lexical;
  private final double lexicalWeight;
  private final RankSettings settings;

  public DocumentSummarizer(AttentionSettings attention, RankSettings rank, VectorPack pack) {
    this.pooler = new AttentionPooler(attention, pack);
    this.ranker = new CentralityRanker(rank);
    this.selector = new SummarySelector(rank);
    this.lexical = new LexicalSimilarity(pack, rank.lexicalSifA());
    this.lexicalWeight = rank.lexicalWeight();
    this.settings = rank;
  }

  /** One summary per document, same order. */
  public List<DocumentSummary> summarize(List<AnalyzedDocument> docs) {
    List<PooledSentences> pooled = pooler.pool(docs);
    List<DocumentSummary> out = new ArrayList<>(docs.size());
    for (int d = 0; d < docs.size(); d++) {
      out.add(summarize(docs.get(d), pooled.get(d)));
    }
    return out;
  }

  /** One document from its pooled vectors (package-private: the tuning harness reuses pooling). */
  DocumentSummary summarize(AnalyzedDocument doc, PooledSentences p) {
    List<Sentence> sentences = doc.sentences();
    int n = sentences.size();
    SentenceGraph graph = SentenceGraph.of(p.vectors(), n, p.dim());
    if (lexicalWeight > 0) {
      graph = graph.blend(lexical.cosine(sentences), lexicalWeight);
    }
    int[] lengths = new int[n];
    long tokens = 0;
    long chars = 0;
    for (int i = 0; i < n; i++) {
      lengths[i] = sentences.get(i).tokens().length;
      tokens += lengths[i];
      chars += sentences.get(i).text().length();
    }
    double[] scores = ranker.score(graph, lengths, settings.expectedSentences(n, tokens, chars));
    if (settings.skipHeadings()) {
      Headings.demote(scores, Headings.of(doc));
    }
    int[] selected = selector.select(sentences, scores, graph);
    boolean[] isSelected = new boolean[n];
    for (int i : selected) {
      isSelected[i] = true;
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
    return new DocumentSummary(doc, scored, selected);
  }
}
