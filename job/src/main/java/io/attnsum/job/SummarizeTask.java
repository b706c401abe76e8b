package io.attnsum.job;

import io.attnsum.attention.AttentionKernel;
import io.attnsum.attention.AttentionSettings;
import io.attnsum.encode.EncoderMode;
import io.attnsum.encode.PreparedEncoder;
import io.attnsum.rank.DocumentSummary;
import io.attnsum.rank.RankSettings;
import io.attnsum.text.AnalyzedDocument;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.TaskCompletionListener;

/**
 * One summarize task, as the batch job and the Spark ML stage run it: a {@link
 * PartitionSummarizer} for the task, the partition handed to it in chunks of documents, and its
 * native memory freed when the task ends. Items that hold no document (the ML stage's rejected
 * rows) pass through in their place, so the output keeps the input's order.
 */
final class SummarizeTask {
  /** Documents handed to the summarizer at once: enough sentences for full attention batches. */
  static final int DOCUMENTS_PER_CHUNK = 128;
  /**
   * The same with a contextual encoder, whose chunk holds every token's state (about 1.5 MB a
   * news document at 384 dimensions): the encoder batches sentences across the chunk anyway.
   */
  static final int CONTEXTUAL_DOCUMENTS_PER_CHUNK = 16;

  private SummarizeTask() {}

  /** What a task's items are to the summarizer, and what becomes of each. */
  interface Items<T, R> {
    /** The item's document; an item without one passes through ({@link #passed}). */
    boolean hasDocument(T item);

    AnalyzedDocument document(T item);

    R summarized(T item, DocumentSummary summary);

    R passed(T item);
  }

  /** The summarize tasks' counters (the batch job's manifest). */
  record Times(
      LongAccumulator encode,
      LongAccumulator attention,
      LongAccumulator rank,
      LongAccumulator sentences,
      LongAccumulator javaKernelTasks,
      LongAccumulator tasks)
      implements Serializable {}

  static int chunkSize(PreparedEncoder encoder) {
    return encoder.mode() == EncoderMode.CONTEXTUAL
        ? CONTEXTUAL_DOCUMENTS_PER_CHUNK : DOCUMENTS_PER_CHUNK;
  }

  /**
   * The task's results, one per item, in order.
   *
   * @param times counters the task adds to when it ends; null for none
   */
  static <T, R> Iterator<R> run(Iterator<T> it, Items<T, R> items, PreparedEncoder encoder,
      AttentionSettings attention, RankSettings rank, Times times) {
    FaultInjection.check("summarize");
    PartitionSummarizer summarizer = new PartitionSummarizer(encoder, attention, rank);
    // What computes: ND4J's backend (and a readable error if it cannot start), or the Java
    // kernel, which leaves ND4J unstarted unless an encoder needs it.
    boolean javaKernel = summarizer.kernel() == AttentionKernel.JAVA_VECTOR;
    if (javaKernel) {
      BackendReport.logJavaKernelOnce();
    } else {
      BackendReport.logOnce();
    }
    // Its native memory lives for the partition and is freed when the task ends, failed or not
    // (the listener runs on the task's thread, whose workspaces they are).
    TaskContext.get().addTaskCompletionListener((TaskCompletionListener) done -> {
      if (times != null) {
        times.encode().add(summarizer.encodeNanos());
        times.attention().add(summarizer.attentionNanos());
        times.rank().add(summarizer.rankNanos());
        times.sentences().add(summarizer.sentencesEncoded());
        times.tasks().add(1);
        if (javaKernel) {
          times.javaKernelTasks().add(1);
        }
      }
      summarizer.close();
    });
    return new Chunks<>(it, items, summarizer, chunkSize(encoder));
  }

  /** The items in chunks of at most {@code size} documents, each chunk summarised at once. */
  private static final class Chunks<T, R> implements Iterator<R> {
    private final Iterator<T> it;
    private final Items<T, R> items;
    private final PartitionSummarizer summarizer;
    private final int size;
    private Iterator<R> current = Collections.emptyIterator();

    Chunks(Iterator<T> it, Items<T, R> items, PartitionSummarizer summarizer, int size) {
      this.it = it;
      this.items = items;
      this.summarizer = summarizer;
      this.size = size;
    }

    @Override
    public boolean hasNext() {
      while (!current.hasNext() && it.hasNext()) {
        current = nextChunk().iterator();
      }
      return current.hasNext();
    }

    @Override
    public R next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return current.next();
    }

    private List<R> nextChunk() {
      List<T> chunk = new ArrayList<>();
      List<AnalyzedDocument> documents = new ArrayList<>(size);
      while (it.hasNext() && documents.size() < size) {
        T item = it.next();
        chunk.add(item);
        if (items.hasDocument(item)) {
          documents.add(items.document(item));
        }
      }
      List<DocumentSummary> summaries =
          documents.isEmpty() ? List.of() : summarizer.summarize(documents);
      List<R> out = new ArrayList<>(chunk.size());
      int next = 0;
      for (T item : chunk) {
        out.add(items.hasDocument(item)
            ? items.summarized(item, summaries.get(next++)) : items.passed(item));
      }
      return out;
    }
  }
}
