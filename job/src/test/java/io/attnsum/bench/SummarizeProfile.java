package io.attnsum.bench;

import io.attnsum.attention.AttentionSettings;

import io.attnsum.rank.DocumentSummary;
import io.attnsum.rank.RankSettings;
import io.attnsum.rank.ScoredSentence;
import io.attnsum.testing.TestSettings;
import io.attnsum.text.AnalyzedDocument;
import io.attnsum.text.DocumentAnalyzer;
import io.attnsum.text.Sentence;
import io.attnsum.encode.VectorPack;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The summarize stage (attention pooling + ranking + selection) on a news-like workload without
 * Spark, for profiling (JFR) and for A/B timing of implementations: documents from {@link
 * NewsCorpusGenerator}, analysed by the job's {@link DocumentAnalyzer}, a d-dimensional random
 * {@link VectorPack} over their vocabulary with corpus counts ordered as {@code VectorStage} orders
 * them, then {@link io.attnsum.testing.WordVectorSummarizer#summarize} over chunks of 128 documents, one summarizer, as
 * one task of {@code SummarizationJob} does.
 *
 * <p>Every pass prints its time and a checksum of all outputs (scores' bits, ranks, selections,
 * known-token counts, α when requested), so an optimisation can be checked to be bit-for-bit
 * neutral on the whole workload, not only on the unit tests' documents.
 *
 * <pre>
 * OMP_NUM_THREADS=1 java -cp &lt;test classpath&gt; io.attnsum.bench.SummarizeProfile
 *     [--documents 5000] [--dim 300] [--passes 5] [--batch-size 64] [--token-weights]
 *     [--dump FILE] [--threads N]
 * </pre>
 *
 * {@code --dump} writes the last pass's summaries, one line per document (selected sentence
 * indices, then every score as a round-trip double), to compare builds whose outputs differ.
 *
 * {@link SummarizeAb} loads two builds of the job in one JVM and interleaves their passes.
 */
public final class SummarizeProfile {
  /** As {@code SummarizeTask.DOCUMENTS_PER_CHUNK}. */
  static final int CHUNK = 128;

  private final List<AnalyzedDocument> docs;
  private final VectorPack pack;
  private final AttentionSettings attention;
  private final RankSettings rank;
  private final long sentences;

  /** Options as on the command line (see the class comment). */
  public SummarizeProfile(Map<String, String> options) {
    int documents = Integer.parseInt(options.getOrDefault("documents", "5000"));
    int dim = Integer.parseInt(options.getOrDefault("dim", "300"));
    List<String> sets = new ArrayList<>();
    sets.add("output.token-weights=" + options.containsKey("token-weights"));
    if (options.containsKey("batch-size")) {
      sets.add("attention.batch-size=" + options.get("batch-size"));
    }
    this.attention = TestSettings.attention(sets.toArray(String[]::new));
    this.rank = TestSettings.rank();
    NewsCorpusGenerator generator = new NewsCorpusGenerator(42);
    DocumentAnalyzer analyzer = new DocumentAnalyzer(TestSettings.text());
    this.docs = new ArrayList<>(documents);
    Map<String, long[]> counts = new HashMap<>();
    long s = 0;
    for (int i = 0; i < documents; i++) {
      AnalyzedDocument d = analyzer.analyze("news-" + i, generator.document(i));
      docs.add(d);
      for (Sentence sentence : d.sentences()) {
        s++;
        for (String t : sentence.tokens()) {
          counts.computeIfAbsent(t, k -> new long[1])[0]++;
        }
      }
    }
    this.sentences = s;
    this.pack = randomPack(counts, dim);
  }

  /**
   * Vectors for every corpus word (VectorStage's row order: frequent first, ties by word); values
   * seeded by the word, so every build of the job sees the same pack.
   */
  static VectorPack randomPack(Map<String, long[]> counts, int dim) {
    List<Map.Entry<String, long[]>> rows = new ArrayList<>(counts.entrySet());
    rows.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0])
        .thenComparing(Map.Entry::getKey));
    String[] words = new String[rows.size()];
    long[] c = new long[rows.size()];
    float[] data = new float[rows.size() * dim];
    for (int i = 0; i < rows.size(); i++) {
      words[i] = rows.get(i).getKey();
      c[i] = rows.get(i).getValue()[0];
      Random random = new Random(words[i].hashCode());
      for (int j = 0; j < dim; j++) {
        data[i * dim + j] = (float) random.nextGaussian();
      }
    }
    return new VectorPack(words, data, dim, c);
  }

  public String describe() {
    return String.format(Locale.ROOT, "%d documents, %d sentences, %d words x d=%d, batch-size %d",
        docs.size(), sentences, pack.size(), pack.dim(), attention.batchSize());
  }

  /** One pass over the workload: {seconds, checksum}. */
  public long[] pass() {
    return pass(null);
  }

  private long[] pass(List<DocumentSummary> keep) {
    long start = System.nanoTime();
    long checksum = 17;
    try (var summarizer = new io.attnsum.testing.WordVectorSummarizer(attention, rank, pack)) {
      for (int from = 0; from < docs.size(); from += CHUNK) {
        List<DocumentSummary> out =
            summarizer.summarize(docs.subList(from, Math.min(docs.size(), from + CHUNK)));
        for (DocumentSummary summary : out) {
          checksum = checksum(checksum, summary);
        }
        if (keep != null) {
          keep.addAll(out);
        }
      }
    }
    return new long[] {System.nanoTime() - start, checksum};
  }

  private static long checksum(long h, DocumentSummary s) {
    for (ScoredSentence x : s.sentences()) {
      h = 31 * h + Double.doubleToLongBits(x.score());
      h = 31 * h + x.rank();
      h = 31 * h + (x.selected() ? 1 : 0);
      h = 31 * h + x.knownTokens();
      if (x.tokenWeights() != null) {
        for (float w : x.tokenWeights()) {
          h = 31 * h + Float.floatToIntBits(w);
        }
      }
    }
    for (int i : s.selected()) {
      h = 31 * h + i;
    }
    return h;
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --option, got " + args[i]);
      }
      boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
      o.put(args[i].substring(2), flag ? "" : args[++i]);
    }
    return o;
  }

  private static void dump(List<DocumentSummary> summaries, Path file) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      for (DocumentSummary s : summaries) {
        w.write(s.document().id() + "\t" + Arrays.toString(s.selected()));
        for (ScoredSentence x : s.sentences()) {
          w.write("\t" + x.score());
        }
        w.write('\n');
      }
    }
  }

  /**
   * Each pass runs the whole workload on {@code threads} threads at once, each with its own
   * summarizer over the shared pack, as concurrent tasks of one executor do: the per-thread time
   * includes what they cost each other (shared caches, memory bandwidth).
   */
  private static void concurrentPasses(SummarizeProfile p, int passes, int threads) {
    for (int i = 0; i < passes; i++) {
      long[][] results = new long[threads][];
      Thread[] workers = new Thread[threads];
      long start = System.nanoTime();
      for (int t = 0; t < threads; t++) {
        int slot = t;
        workers[t] = new Thread(() -> results[slot] = p.pass());
        workers[t].start();
      }
      for (Thread w : workers) {
        try {
          w.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      double wall = (System.nanoTime() - start) / 1e9;
      StringBuilder per = new StringBuilder();
      for (long[] r : results) {
        per.append(String.format(Locale.ROOT, " %.3f", r[0] / 1e9));
      }
      System.out.printf(Locale.ROOT,
          "pass %d: %d threads, wall %.3f s, per thread%s s, %.0f sentences/s a thread, checksum %016x%n",
          i, threads, wall, per, p.sentences / wall, results[0][1]);
    }
  }

  public static void main(String[] args) throws IOException {
    Map<String, String> o = options(args);
    long t0 = System.nanoTime();
    SummarizeProfile p = new SummarizeProfile(o);
    System.out.printf(Locale.ROOT, "workload: %s (prepared in %.1f s)%n", p.describe(), (System.nanoTime() - t0) / 1e9);
    int passes = Integer.parseInt(o.getOrDefault("passes", "5"));
    int threads = Integer.parseInt(o.getOrDefault("threads", "1"));
    if (threads > 1) {
      concurrentPasses(p, passes, threads);
      return;
    }
    for (int i = 0; i < passes; i++) {
      List<DocumentSummary> keep = i == passes - 1 && o.containsKey("dump") ? new ArrayList<>() : null;
      long[] r = p.pass(keep);
      if (keep != null) {
        dump(keep, Path.of(o.get("dump")));
      }
      System.out.printf(Locale.ROOT, "pass %d: %.3f s, %.0f sentences/s, checksum %016x%n",
          i, r[0] / 1e9, p.sentences / (r[0] / 1e9), r[1]);
    }
  }
}
