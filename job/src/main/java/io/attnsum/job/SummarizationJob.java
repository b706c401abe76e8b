package io.attnsum.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.attnsum.rank.DocumentSummarizer;
import io.attnsum.rank.DocumentSummary;
import io.attnsum.rank.FloorSummarizer;
import io.attnsum.read.CorpusPartitioner;
import io.attnsum.read.CorpusReader;
import io.attnsum.read.InputException;
import io.attnsum.read.InputSettings.BadRecordPolicy;
import io.attnsum.read.ParsedRecord;
import io.attnsum.read.RejectReason;
import io.attnsum.read.RejectedRecord;
import io.attnsum.text.AnalyzedDocument;
import io.attnsum.text.DocumentAnalyzer;
import io.attnsum.text.Sentence;
import io.attnsum.text.TextSettings;
import io.attnsum.text.WordCounter;
import io.attnsum.vectors.PreparedVectors;
import io.attnsum.vectors.VectorPack;
import io.attnsum.vectors.VectorPackCache;
import io.attnsum.vectors.VectorStage;
import io.attnsum.write.OutputFormat;
import io.attnsum.write.OutputSettings.WriteMode;
import io.attnsum.write.OutputTables;
import io.attnsum.write.RunLayout;
import io.attnsum.write.RunLease;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.HashPartitioner;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.TaskCompletionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the stages on Spark: read, text, vectors, attention + rank, write. Each stage's logic is
 * in its own package and runs without Spark; this class only decides what is distributed,
 * cached and counted, and publishes the run.
 */
public final class SummarizationJob {
  private static final Logger LOG = LoggerFactory.getLogger(SummarizationJob.class);
  /** Documents handed to the summarizer at once: enough sentences for full attention batches. */
  static final int DOCUMENTS_PER_CHUNK = 128;

  private final SparkSession spark;
  private final JobSettings config;
  private final Map<String, Object> stages = new LinkedHashMap<>();

  public SummarizationJob(SparkSession spark, JobSettings config) {
    this.spark = spark;
    this.config = config;
  }

  public RunResult run() throws IOException {
    long started = System.nanoTime();
    Instant startedAt = Instant.now();
    RunLayout layout = new RunLayout(spark.sparkContext().hadoopConfiguration(), config.output().path(), config.runId());
    // Held until the run has published or failed; a second run of the id meanwhile is refused.
    try (RunLease lease = layout.acquireLease(config.leaseTimeout())) {
      layout.removeAbandonedStaging();
      if (config.output().mode() == WriteMode.ERROR_IF_EXISTS && layout.publishedExists()) {
        throw new io.attnsum.config.ConfigException("output.mode",
            "is error-if-exists and " + layout.published() + " already exists");
      }
      try {
        return execute(layout, lease, started, startedAt);
      } catch (Throwable e) {
        // Spark rethrows task failures as the checked SparkException without declaring it, so
        // catch everything: a failed run must never leave staging output behind.
        layout.discard();
        throw e;
      }
    }
  }

  private RunResult execute(RunLayout layout, RunLease lease, long started, Instant startedAt) throws IOException {
    int payloadChars = config.output().rejectedPayloadChars();

    // read
    long t = System.nanoTime();
    CorpusReader reader = new CorpusReader(spark, config.input(), payloadChars);
    reader.checkExists();
    long inputRecords = reader.countRecords();
    if (inputRecords == 0) {
      throw new InputException("input.path holds no records: " + config.input().path());
    }
    int partitions = CorpusPartitioner.partitionCount(
        config.input().partitions(), inputRecords, spark.sparkContext().defaultParallelism());
    stage("read", t, "records", inputRecords, "partitions", partitions);

    // text
    t = System.nanoTime();
    JavaRDD<ParsedRecord> parsed =
        CorpusPartitioner.partitionAndDeduplicate(reader.read(), partitions, config.input(), payloadChars);
    TextSettings textSettings = config.text();
    boolean countVocabulary = config.stages() != RunStages.FLOOR;
    JavaRDD<AnalyzedRecord> analyzed =
        parsed.mapPartitions(it -> analyze(it, textSettings, countVocabulary))
            .persist(StorageLevel.MEMORY_AND_DISK_SER());
    JavaRDD<AnalyzedDocument> documents = analyzed.filter(r -> r.document() != null).map(AnalyzedRecord::document);
    JavaRDD<RejectedRecord> rejected = analyzed.filter(r -> r.rejected() != null).map(AnalyzedRecord::rejected);
    // The one pass that analyses (and caches) the corpus also counts it, vocabulary included
    // when the vectors stage will need it. A partition's pairs have distinct keys already
    // (CorpusCounts sums per partition), so the shuffle skips Spark's map-side combine, which
    // only hashed every key once more.
    JavaPairRDD<String, Long> counts =
        analyzed
            .mapPartitionsToPair(CorpusCounts::count)
            .combineByKey(c -> c, Long::sum, Long::sum,
                new HashPartitioner(analyzed.getNumPartitions()), false, null)
            .persist(StorageLevel.MEMORY_AND_DISK());
    // Bounded by the number of statistics and reasons, so collecting is safe.
    Map<String, Long> statistics = counts.filter(c -> CorpusCounts.isStatistic(c._1())).collectAsMap();
    TextStats textStats = CorpusCounts.textStats(statistics);
    Map<String, Long> rejectedByReason = CorpusCounts.rejectedByReason(statistics);
    long rejectedCount = rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
    stage("text", t, "documents", textStats.documents, "sentences", textStats.sentences, "rejected", rejectedCount);
    checkBadRecords(rejected, rejectedCount, inputRecords);

    JavaRDD<DocumentSummary> summaries;
    Object vectorStats;
    long summarized;
    if (config.stages() == RunStages.FLOOR) {
      int k = config.rank().sentences();
      vectorStats = Map.of("source", "none (run.stages = floor)");
      t = System.nanoTime();
      summaries = documents.map(d -> FloorSummarizer.summarize(d, k).forOutput(false))
          .persist(StorageLevel.MEMORY_AND_DISK_SER());
      summarized = summaries.count();
      stage("summarize", t, "documents", summarized, "mode", "floor");
    } else {
      // vectors
      t = System.nanoTime();
      JavaRDD<String[]> sentenceTokens = documents.flatMap(d -> tokensOf(d));
      JavaPairRDD<String, Long> vocabulary = counts.filter(c -> !CorpusCounts.isStatistic(c._1()));
      PreparedVectors vectors =
          VectorStage.prepare(spark, vocabulary, textStats.tokens, sentenceTokens, config.vectors(),
              layout.vectorsDir().toString(), new org.apache.hadoop.fs.Path(layout.work(), "vectors.pack").toString());
      vectorStats = vectors;
      stage("vectors", t, "words", vectors.packedWords(), "dim", vectors.dim());

      // attention + rank
      t = System.nanoTime();
      String packUri = vectors.packUri();
      var attention = config.attention();
      var rank = config.rank();
      boolean keepTokens = config.output().tokenWeights();
      // Attention and rank run fused in one task pass, so their times are measured in the tasks
      // (task-seconds over all cores, for the benchmark; a retried task would count twice).
      LongAccumulator attentionNanos = spark.sparkContext().longAccumulator("attention task nanos");
      LongAccumulator rankNanos = spark.sparkContext().longAccumulator("rank task nanos");
      // Tasks whose attention ran the Java kernel; the others ran ND4J's (see AttentionKernel).
      LongAccumulator javaKernelTasks = spark.sparkContext().longAccumulator("java kernel tasks");
      LongAccumulator summarizeTasks = spark.sparkContext().longAccumulator("summarize tasks");
      summaries =
          documents
              .mapPartitions(it -> summarize(it, packUri, attention, rank, attentionNanos, rankNanos,
                  javaKernelTasks, summarizeTasks))
              .map(s -> s.forOutput(keepTokens))
              .persist(StorageLevel.MEMORY_AND_DISK_SER());
      summarized = summaries.count();
      stage("summarize", t, "documents", summarized,
          "attention_task_seconds", round(attentionNanos.value() / 1e9),
          "rank_task_seconds", round(rankNanos.value() / 1e9),
          "attention_kernel", kernelsUsed(javaKernelTasks.value(), summarizeTasks.value()));
    }
    counts.unpersist(false);

    // write
    t = System.nanoTime();
    boolean weights = config.output().tokenWeights();
    write(summaries.flatMap(s -> {
          FaultInjection.check("write");
          return OutputTables.sentenceRows(s, weights).iterator();
        }),
        OutputTables.sentencesSchema(weights), layout, "sentences");
    write(summaries.map(OutputTables::summaryRow), OutputTables.SUMMARIES, layout, "summaries");
    // Without rejections there is nothing to find: do not read the whole corpus again for it.
    JavaRDD<RejectedRecord> toWrite = rejectedCount > 0 ? rejected : JavaSparkContext.fromSparkContext(spark.sparkContext()).emptyRDD();
    write(toWrite.map(OutputTables::rejectedRow), OutputTables.REJECTED, layout, "rejected");
    stage("write", t, "documents", summarized, "rejected", rejectedCount);

    // books
    if (inputRecords != summarized + rejectedCount) {
      throw new IllegalStateException("books do not balance: input records " + inputRecords
          + " != documents written " + summarized + " + rejected " + rejectedCount);
    }
    double rejectedFraction = (double) rejectedCount / inputRecords;
    if (rejectedFraction > config.maxRejectedFraction()) {
      throw new QualityException(String.format(java.util.Locale.ROOT,
          "rejected %d of %d records (%.4f), over quality.max-rejected-fraction = %s; see %s",
          rejectedCount, inputRecords, rejectedFraction, config.maxRejectedFraction(),
          layout.stagingTable("rejected")));
    }

    double seconds = (System.nanoTime() - started) / 1e9;
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("run_id", config.runId());
    manifest.put("status", "succeeded");
    manifest.put("started_at", startedAt.toString());
    manifest.put("finished_at", Instant.now().toString());
    manifest.put("seconds", round(seconds));
    manifest.put("input_path", config.input().path());
    manifest.put("output_path", layout.published().toString());
    manifest.put("input_documents", inputRecords);
    manifest.put("output_documents", summarized);
    manifest.put("rejected_documents", rejectedCount);
    manifest.put("rejected_by_reason", rejectedByReason);
    manifest.put("text", textStats.toMap());
    manifest.put("vectors", vectorStats);
    manifest.put("stages", stages);
    manifest.put("versions", Versions.all());
    manifest.put("spark", Map.of("master", spark.sparkContext().master(), "app_id", spark.sparkContext().applicationId(),
        "default_parallelism", spark.sparkContext().defaultParallelism()));
    manifest.put("config", config.effectiveLines());
    String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(manifest);
    layout.publish(json, config.output().mode() == WriteMode.OVERWRITE, lease);
    analyzed.unpersist(false);
    summaries.unpersist(false);
    return new RunResult(config.runId(), layout.published().toString(), inputRecords, summarized, rejectedCount, seconds);
  }

  /** Analyses a partition; with {@code countVocabulary} it ends with the word-count trailer. */
  private static Iterator<AnalyzedRecord> analyze(
      Iterator<ParsedRecord> it, TextSettings settings, boolean countVocabulary) {
    FaultInjection.check("text");
    DocumentAnalyzer analyzer = new DocumentAnalyzer(settings);
    WordCounter words = countVocabulary ? new WordCounter() : null;
    return new Iterator<>() {
      private boolean trailerDue = countVocabulary;

      @Override
      public boolean hasNext() {
        return it.hasNext() || trailerDue;
      }

      @Override
      public AnalyzedRecord next() {
        if (!it.hasNext()) {
          if (!trailerDue) {
            throw new java.util.NoSuchElementException();
          }
          trailerDue = false;
          return CorpusCounts.trailer(words);
        }
        ParsedRecord r = it.next();
        if (!r.isDocument()) {
          return new AnalyzedRecord(null, r.rejected());
        }
        var d = r.document();
        AnalyzedDocument a =
            analyzer.analyze(d.id(), d.text()).withSummarySentences(d.summarySentences());
        if (a.sentences().isEmpty()) {
          return new AnalyzedRecord(null, new RejectedRecord(d.source(), d.location(), d.id(),
              RejectReason.NO_SENTENCES, "the text stage found no sentence", truncate(d.text(), 256)));
        }
        if (words != null) {
          CorpusCounts.countTokens(a, words);
        }
        return new AnalyzedRecord(a, null);
      }
    };
  }

  private static Iterator<String[]> tokensOf(AnalyzedDocument d) {
    List<String[]> out = new ArrayList<>(d.sentences().size());
    for (Sentence s : d.sentences()) {
      out.add(s.tokens());
    }
    return out.iterator();
  }

  /**
   * Which attention kernel the summarize tasks ran: "java-vector", "nd4j", a mix of both (an
   * executor JVM without the Vector API module falls back to nd4j under {@code auto}) or "none".
   */
  static String kernelsUsed(long javaKernelTasks, long tasks) {
    if (tasks == 0) {
      return "none";
    }
    if (javaKernelTasks == tasks) {
      return "java-vector";
    }
    if (javaKernelTasks == 0) {
      return "nd4j";
    }
    return "mixed: java-vector in " + javaKernelTasks + " of " + tasks + " tasks, nd4j in the rest";
  }

  /** Hands the partition to the summarizer in chunks, so attention batches stay full. */
  private static Iterator<DocumentSummary> summarize(
      Iterator<AnalyzedDocument> it, String packUri,
      io.attnsum.attention.AttentionSettings attention, io.attnsum.rank.RankSettings rank,
      LongAccumulator attentionNanos, LongAccumulator rankNanos, LongAccumulator javaKernelTasks,
      LongAccumulator summarizeTasks) {
    FaultInjection.check("summarize");
    VectorPack pack = VectorPackCache.get(packUri);
    DocumentSummarizer summarizer = new DocumentSummarizer(attention, rank, pack);
    // What computes: ND4J's backend (and a readable error if it cannot start), or the Java
    // kernel, which leaves ND4J unstarted.
    boolean javaKernel = summarizer.kernel() == io.attnsum.attention.AttentionKernel.JAVA_VECTOR;
    if (javaKernel) {
      BackendReport.logJavaKernelOnce();
    } else {
      BackendReport.logOnce();
    }
    // Its ND4J workspaces live for the partition and are freed when the task ends, failed or not
    // (the listener runs on the task's thread, whose workspaces they are).
    TaskContext.get().addTaskCompletionListener((TaskCompletionListener) done -> {
      attentionNanos.add(summarizer.attentionNanos());
      rankNanos.add(summarizer.rankNanos());
      summarizeTasks.add(1);
      if (javaKernel) {
        javaKernelTasks.add(1);
      }
      summarizer.close();
    });
    return new Iterator<>() {
      private Iterator<DocumentSummary> current = java.util.Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && it.hasNext()) {
          List<AnalyzedDocument> chunk = new ArrayList<>(DOCUMENTS_PER_CHUNK);
          while (it.hasNext() && chunk.size() < DOCUMENTS_PER_CHUNK) {
            chunk.add(it.next());
          }
          current = summarizer.summarize(chunk).iterator();
        }
        return current.hasNext();
      }

      @Override
      public DocumentSummary next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  private void write(JavaRDD<Row> rows, org.apache.spark.sql.types.StructType schema, RunLayout layout, String table) {
    Dataset<Row> frame = spark.createDataFrame(rows, schema);
    String path = layout.stagingTable(table).toString();
    var writer = frame.write().mode(SaveMode.ErrorIfExists);
    if (config.output().format() == OutputFormat.PARQUET) {
      writer.parquet(path);
    } else {
      writer.option("ignoreNullFields", "false").json(path);
    }
  }

  private void checkBadRecords(JavaRDD<RejectedRecord> rejected, long rejectedCount, long input) {
    if (rejectedCount > 0 && config.input().onBadRecord() == BadRecordPolicy.FAIL) {
      RejectedRecord first = rejected.takeOrdered(1, new FirstInInput()).get(0);
      throw new QualityException("input.on-bad-record = fail and " + rejectedCount + " of " + input
          + " records are bad; the first: " + first.describe());
    }
  }

  /** Orders rejections by where they are in the input. */
  static final class FirstInInput implements java.util.Comparator<RejectedRecord>, java.io.Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public int compare(RejectedRecord a, RejectedRecord b) {
      int c = String.valueOf(a.source()).compareTo(String.valueOf(b.source()));
      return c != 0 ? c : Long.compare(a.location(), b.location());
    }
  }

  private void stage(String name, long startNanos, Object... counts) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    Map<String, Object> entry = new LinkedHashMap<>();
    StringBuilder line = new StringBuilder();
    for (int i = 0; i + 1 < counts.length; i += 2) {
      entry.put(String.valueOf(counts[i]), counts[i + 1]);
      line.append(' ').append(counts[i]).append('=').append(counts[i + 1]);
    }
    entry.put("seconds", round(seconds));
    stages.put(name, entry);
    LOG.info("stage {}:{} in {}s", name, line, String.format(java.util.Locale.ROOT, "%.2f", seconds));
  }

  private static double round(double s) {
    return Math.round(s * 1000) / 1000.0;
  }

  private static String truncate(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n);
  }
}
