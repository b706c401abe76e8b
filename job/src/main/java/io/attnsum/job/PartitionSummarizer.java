package io.attnsum.job;

import io.attnsum.attention.AttentionKernel;
import io.attnsum.attention.AttentionPooler;
import io.attnsum.attention.AttentionSettings;
import io.attnsum.attention.PooledSentences;
import io.attnsum.attention.SentencePooling;
import io.attnsum.encode.EncodedChunk;
import io.attnsum.encode.PreparedEncoder;
import io.attnsum.encode.SentenceEncoder;
import io.attnsum.rank.DocumentRanker;
import io.attnsum.rank.DocumentSummary;
import io.attnsum.rank.RankSettings;
import io.attnsum.text.AnalyzedDocument;
import io.attnsum.text.Language;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The encode, attention and rank stages over a chunk of documents, in that order, on one task
 * thread: the one engine behind the batch job and the Spark ML stage. Each stage batches the
 * whole chunk (a chunk's documents are grouped by language, since each language has its own
 * encoder). Timings per stage are kept for the manifest (the three run fused in one task pass,
 * so Spark's stage times cannot tell them apart).
 *
 * <p>Not thread-safe (encoders and the attention hold per-thread buffers and ND4J workspaces):
 * one per task, {@link #close() closed} on the task's thread when it ends.
 */
public final class PartitionSummarizer implements AutoCloseable {
  private final PreparedEncoder prepared;
  private final AttentionSettings attention;
  // Whether anything reads the sentence vectors (JobSettings.readsSentenceVectors). Otherwise
  // the encoder and the attention are skipped: the lexical ranking gives the same summaries
  // without them, and known_tokens is null.
  private final boolean encodes;
  private final Map<Language, SentenceEncoder> encoders = new EnumMap<>(Language.class);
  private final AttentionPooler pooler;
  private final DocumentRanker ranker;
  private long encodeNanos;
  private long attentionNanos;
  private long rankNanos;

  public PartitionSummarizer(PreparedEncoder prepared, AttentionSettings attention, RankSettings rank) {
    this.prepared = prepared;
    this.attention = attention;
    this.encodes = prepared.encodes();
    this.pooler = new AttentionPooler(attention);
    this.ranker = new DocumentRanker(rank, prepared.words(), pooler.kernel());
  }

  /** The attention kernel of this JVM ({@code attention.kernel} resolved). */
  public AttentionKernel kernel() {
    return pooler.kernel();
  }

  /** One summary per document, same order. */
  public List<DocumentSummary> summarize(List<AnalyzedDocument> chunk) {
    DocumentSummary[] out = new DocumentSummary[chunk.size()];
    for (Language language : Language.values()) {
      List<AnalyzedDocument> docs = new ArrayList<>();
      List<Integer> at = new ArrayList<>();
      for (int i = 0; i < chunk.size(); i++) {
        if (chunk.get(i).language() == language) {
          docs.add(chunk.get(i));
          at.add(i);
        }
      }
      if (docs.isEmpty()) {
        continue;
      }
      List<DocumentSummary> summaries = summarizeOneLanguage(language, docs);
      for (int j = 0; j < at.size(); j++) {
        out[at.get(j)] = summaries.get(j);
      }
    }
    return List.of(out);
  }

  private List<DocumentSummary> summarizeOneLanguage(Language language, List<AnalyzedDocument> docs) {
    long started = System.nanoTime();
    if (!encodes) {
      List<PooledSentences> none = new ArrayList<>(docs.size());
      for (AnalyzedDocument d : docs) {
        none.add(PooledSentences.notEncoded(d.sentences().size()));
      }
      List<DocumentSummary> summaries = ranker.rank(docs, none);
      rankNanos += System.nanoTime() - started;
      return summaries;
    }
    SentenceEncoder encoder = encoders.computeIfAbsent(language, prepared::open);
    EncodedChunk encoded = encoder.encode(docs, attention.tokenWeights());
    long encodedAt = System.nanoTime();
    List<PooledSentences> pooled = attention.pooling() == SentencePooling.MODEL
        ? AttentionPooler.modelPooled(encoded, attention.tokenWeights())
        : pooler.pool(encoded);
    long pooledAt = System.nanoTime();
    List<DocumentSummary> summaries = ranker.rank(docs, pooled);
    encodeNanos += encodedAt - started;
    attentionNanos += pooledAt - encodedAt;
    rankNanos += System.nanoTime() - pooledAt;
    return summaries;
  }

  public long encodeNanos() {
    return encodeNanos;
  }

  public long attentionNanos() {
    return attentionNanos;
  }

  public long rankNanos() {
    return rankNanos;
  }

  /** Sentences the encoders encoded so far. */
  public long sentencesEncoded() {
    long n = 0;
    for (SentenceEncoder e : encoders.values()) {
      n += e.sentencesEncoded();
    }
    return n;
  }

  /** Frees the per-thread native memory of the encoders, the attention and the ranking. */
  @Override
  public void close() {
    encoders.values().forEach(SentenceEncoder::close);
    pooler.close();
    ranker.close();
  }
}
