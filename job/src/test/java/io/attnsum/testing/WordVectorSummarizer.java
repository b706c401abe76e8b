package io.attnsum.testing;

import io.attnsum.attention.AttentionPooler;
import io.attnsum.attention.AttentionSettings;
import io.attnsum.encode.WordVectorEncoder;
import io.attnsum.rank.DocumentRanker;
import io.attnsum.rank.DocumentSummary;
import io.attnsum.rank.RankSettings;
import io.attnsum.text.AnalyzedDocument;
import io.attnsum.encode.VectorPack;
import java.util.List;

/**
 * The encode, attention and rank stages over word vectors, as a task runs them, for tests that
 * give their own vector pack (its counts serve as the corpus counts, as a job's would).
 */
public final class WordVectorSummarizer implements AutoCloseable {
  private final WordVectorEncoder encoder;
  private final AttentionPooler pooler;
  private final DocumentRanker ranker;
  private final boolean tokenWeights;

  public WordVectorSummarizer(AttentionSettings attention, RankSettings rank, VectorPack pack) {
    this.encoder = new WordVectorEncoder(pack);
    this.pooler = new AttentionPooler(attention);
    this.ranker = new DocumentRanker(rank, pack, pooler.kernel());
    this.tokenWeights = attention.tokenWeights();
  }

  public io.attnsum.attention.AttentionKernel kernel() {
    return pooler.kernel();
  }

  public List<DocumentSummary> summarize(List<AnalyzedDocument> docs) {
    return ranker.rank(docs, pooler.pool(encoder.encode(docs, tokenWeights)));
  }

  @Override
  public void close() {
    pooler.close();
    ranker.close();
  }
}
