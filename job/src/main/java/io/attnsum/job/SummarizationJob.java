package io.attnsum.job;

import io.attnsum.encode.EncoderReport;
import io.attnsum.encode.EncoderStage;
import io.attnsum.encode.PreparedEncoder;
import io.attnsum.rank.DocumentSummary;
import io.attnsum.rank.FloorSummarizer;
import io.attnsum.read.CorpusPartitioner;
import io.attnsum.read.CorpusReader;
import io.attnsum.read.InputException;
import io.attnsum.read.InputSettings.BadRecordPolicy;
import io.attnsum.read.ParsedRecord;
import io.attnsum.read.RejectedRecord;
import io.attnsum.text.AnalyzedDocument;
import io.attnsum.write.OutputFormat;
import io.attnsum.write.OutputSettings.WriteMode;
import io.attnsum.write.OutputTables;
import io.attnsum.write.RunLayout;
import io.attnsum.write.RunLease;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job on Spark, one method per stage: read, text, encode, summarize (encode, attention and
 * rank fused in one task pass, see {@link PartitionSummarizer}), write, then the books and the
 * manifest. Each stage's logic lives in its own package and runs without Spark; this class
 * decides what is distributed, cached and counted, and publishes the run.
 */
public final class SummarizationJob {
  private static final Logger LOG = LoggerFactory.getLogger(SummarizationJob.class);

  private final SparkSession spark;
  private final JobSettings config;
  private final Map<String, Map<String, Object>> stages = new LinkedHashMap<>();

  public SummarizationJob(SparkSession spark, JobSettings config) {
    this.spark = spark;
    this.config = config;
  }

  /** What the read stage found. */
  private record Input(CorpusReader reader, long records, int partitions) {}

  /** The analysed corpus (cached) and what the text stage counted. */
  private record Text(
      JavaRDD<Analyzed> analyzed,
      JavaRDD<AnalyzedDocument> documents,
      JavaRDD<RejectedRecord> rejected,
      SummaryEngine.Counted counted,
      TextTally tally) {}

  /** The summaries (cached) and how many there are. */
  private record Summaries(JavaRDD<DocumentSummary> summaries, long count) {}

  public RunResult run() throws IOException {
    long started = System.nanoTime();
    Instant startedAt = Instant.now();
    // A user's encoder files are checked before anything else reads the corpus.
    EncoderStage.check(config.encoder(), spark.sparkContext().hadoopConfiguration());
    RunLayout layout = new RunLayout(
        spark.sparkContext().hadoopConfiguration(), config.output().path(), config.runId());
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

  private RunResult execute(RunLayout layout, RunLease lease, long started, Instant startedAt)
      throws IOException {
    Input input = read();
    Text text = analyze(input);
    checkBadRecords(text, input.records());
    EncoderReport encoderReport = null;
    Summaries summaries;
    if (config.stages() == RunStages.FLOOR) {
      summaries = floor(text);
    } else {
      EncoderStage.Prepared encoder = encode(text, layout);
      summaries = summarize(text, encoder);
      encoderReport = encoder.report().withTasks(
          (Long) stages.get("summarize").get("sentences_encoded"),
          (Double) stages.get("summarize").get("encode_task_seconds"));
    }
    text.counted().vocabulary().unpersist(false);
    write(text, summaries, layout);
    balanceBooks(input, text, summaries, layout);
    double seconds = (System.nanoTime() - started) / 1e9;
    RunManifest manifest = manifest(input, text, summaries, encoderReport, layout, startedAt, seconds);
    layout.publish(manifest.toJson(), config.output().mode() == WriteMode.OVERWRITE, lease);
    text.analyzed().unpersist(false);
    summaries.summaries().unpersist(false);
    return new RunResult(config.runId(), layout.published().toString(), input.records(),
        summaries.count(), text.tally().rejected(), seconds);
  }

  private Input read() {
    long t = System.nanoTime();
    CorpusReader reader = new CorpusReader(spark, config.input(), config.output().rejectedPayloadChars());
    reader.checkExists();
    long records = reader.countRecords();
    if (records == 0) {
      throw new InputException("input.path holds no records: " + config.input().path());
    }
    int partitions = CorpusPartitioner.partitionCount(
        config.input().partitions(), records, spark.sparkContext().defaultParallelism());
    stage("read", t, "records", records, "partitions", partitions);
    return new Input(reader, records, partitions);
  }

  /**
   * Partitions, deduplicates and analyses the corpus, and caches it; the one pass that analyses
   * it also counts it ({@link SummaryEngine#count}).
   */
  private Text analyze(Input input) {
    long t = System.nanoTime();
    int payloadChars = config.output().rejectedPayloadChars();
    JavaRDD<ParsedRecord> parsed = CorpusPartitioner.partitionAndDeduplicate(
        input.reader().read(), input.partitions(), config.input(), payloadChars);
    boolean countWords = config.stages() != RunStages.FLOOR;
    JavaRDD<Analyzed> analyzed = SummaryEngine.analyze(parsed, config.text(), countWords)
        .persist(StorageLevel.MEMORY_AND_DISK_SER());
    SummaryEngine.Counted counted = SummaryEngine.count(spark, analyzed);
    TextTally tally = counted.tally();
    JavaRDD<RejectedRecord> rejected = analyzed
        .filter(r -> r instanceof Analyzed.Rejected)
        .map(r -> ((Analyzed.Rejected) r).record());
    stage("text", t, "documents", tally.documents, "sentences", tally.sentences,
        "rejected", tally.rejected(), "vocabulary_words", counted.words());
    return new Text(analyzed, SummaryEngine.documents(analyzed), rejected, counted, tally);
  }

  private void checkBadRecords(Text text, long input) {
    long rejectedCount = text.tally().rejected();
    if (rejectedCount > 0 && config.input().onBadRecord() == BadRecordPolicy.FAIL) {
      RejectedRecord first = text.rejected().takeOrdered(1, new FirstInInput()).get(0);
      throw new QualityException("input.on-bad-record = fail and " + rejectedCount + " of " + input
          + " records are bad; the first: " + first.describe());
    }
  }

  /** The floor run's stand-in for encoding, attention and ranking: the first k sentences. */
  private Summaries floor(Text text) {
    long t = System.nanoTime();
    int k = config.rank().summary().sentences();
    JavaRDD<DocumentSummary> summaries = text.documents()
        .map(d -> FloorSummarizer.summarize(d, k).forOutput(false))
        .persist(StorageLevel.MEMORY_AND_DISK_SER());
    long count = summaries.count();
    stage("summarize", t, "documents", count, "mode", "floor");
    return new Summaries(summaries, count);
  }

  private EncoderStage.Prepared encode(Text text, RunLayout layout) {
    long t = System.nanoTime();
    EncoderStage.Prepared prepared = SummaryEngine.prepare(spark, config, text.counted(),
        text.documents(), layout.root().toString(), layout.work().toString(),
        layout.vectorsDir().toString());
    stage("encode", t, "mode", prepared.report().mode(),
        "vocabulary_words", prepared.report().vocabularyWords());
    return prepared;
  }

  /**
   * Encode, attention and rank, fused in one task pass per partition ({@link SummarizeTask}).
   * Their times are measured inside the tasks (task-seconds summed over cores; a retried task
   * counts twice).
   */
  private Summaries summarize(Text text, EncoderStage.Prepared encoder) {
    long t = System.nanoTime();
    var sc = spark.sparkContext();
    SummarizeTask.Times times = new SummarizeTask.Times(sc.longAccumulator("encode task nanos"),
        sc.longAccumulator("attention task nanos"), sc.longAccumulator("rank task nanos"),
        sc.longAccumulator("sentences encoded"), sc.longAccumulator("java kernel tasks"),
        sc.longAccumulator("summarize tasks"));
    PreparedEncoder prepared = encoder.encoder();
    var attention = config.attention();
    var rank = config.rank();
    boolean keepTokens = config.output().tokenWeights();
    JavaRDD<DocumentSummary> summaries = text.documents()
        .mapPartitions(it -> SummarizeTask.run(it, new DocumentsOnly(keepTokens), prepared,
            attention, rank, times))
        .persist(StorageLevel.MEMORY_AND_DISK_SER());
    long count = summaries.count();
    stage("summarize", t, "documents", count,
        "encode_task_seconds", round(times.encode().value() / 1e9),
        "attention_task_seconds", round(times.attention().value() / 1e9),
        "rank_task_seconds", round(times.rank().value() / 1e9),
        "sentences_encoded", times.sentences().value(),
        "attention_kernel", kernelsUsed(times.javaKernelTasks().value(), times.tasks().value()));
    return new Summaries(summaries, count);
  }

  /** The batch job's summarize items: documents only, each to its summary as the tables read it. */
  private record DocumentsOnly(boolean keepTokens)
      implements SummarizeTask.Items<AnalyzedDocument, DocumentSummary> {
    @Override
    public boolean hasDocument(AnalyzedDocument d) {
      return true;
    }

    @Override
    public AnalyzedDocument document(AnalyzedDocument d) {
      return d;
    }

    @Override
    public DocumentSummary summarized(AnalyzedDocument d, DocumentSummary summary) {
      return summary.forOutput(keepTokens);
    }

    @Override
    public DocumentSummary passed(AnalyzedDocument d) {
      throw new IllegalStateException("the batch job's summarize tasks get documents only");
    }
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

  private void write(Text text, Summaries summaries, RunLayout layout) {
    long t = System.nanoTime();
    boolean weights = config.output().tokenWeights();
    JavaRDD<DocumentSummary> s = summaries.summaries();
    writeTable(s.flatMap(d -> {
          FaultInjection.check("write");
          return OutputTables.sentenceRows(d, weights).iterator();
        }),
        OutputTables.sentencesSchema(weights), layout, "sentences");
    writeTable(s.map(OutputTables::summaryRow), OutputTables.SUMMARIES, layout, "summaries");
    long rejected = text.tally().rejected();
    // Without rejections there is nothing to find: do not read the whole corpus again for it.
    JavaRDD<RejectedRecord> toWrite = rejected > 0
        ? text.rejected() : JavaSparkContext.fromSparkContext(spark.sparkContext()).emptyRDD();
    writeTable(toWrite.map(OutputTables::rejectedRow), OutputTables.REJECTED, layout, "rejected");
    stage("write", t, "documents", summaries.count(), "rejected", rejected);
  }

  private void writeTable(
      JavaRDD<Row> rows, org.apache.spark.sql.types.StructType schema, RunLayout layout, String table) {
    Dataset<Row> frame = spark.createDataFrame(rows, schema);
    String path = layout.stagingTable(table).toString();
    var writer = frame.write().mode(SaveMode.ErrorIfExists);
    if (config.output().format() == OutputFormat.PARQUET) {
      writer.parquet(path);
    } else {
      writer.option("ignoreNullFields", "false").json(path);
    }
  }

  /** Every input record was written or rejected, and not too many were rejected. */
  private void balanceBooks(Input input, Text text, Summaries summaries, RunLayout layout) {
    long rejected = text.tally().rejected();
    if (input.records() != summaries.count() + rejected) {
      throw new IllegalStateException("books do not balance: input records " + input.records()
          + " != documents written " + summaries.count() + " + rejected " + rejected);
    }
    double fraction = (double) rejected / input.records();
    if (fraction > config.maxRejectedFraction()) {
      throw new QualityException(String.format(Locale.ROOT,
          "rejected %d of %d records (%.4f), over quality.max-rejected-fraction = %s; see %s",
          rejected, input.records(), fraction, config.maxRejectedFraction(),
          layout.stagingTable("rejected")));
    }
  }

  private RunManifest manifest(Input input, Text text, Summaries summaries, EncoderReport encoder,
      RunLayout layout, Instant startedAt, double seconds) {
    var sc = spark.sparkContext();
    Map<String, Object> sparkInfo = new LinkedHashMap<>();
    sparkInfo.put("master", sc.master());
    sparkInfo.put("app_id", sc.applicationId());
    sparkInfo.put("default_parallelism", sc.defaultParallelism());
    return new RunManifest(config.runId(), "succeeded", startedAt.toString(),
        Instant.now().toString(), round(seconds), config.input().path(),
        layout.published().toString(), input.records(), summaries.count(),
        text.tally().rejected(), text.tally().rejectedByReason, text.tally().toManifest(), encoder,
        stages, Versions.all(), sparkInfo, config.effectiveLines());
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
    LOG.info("stage {}:{} in {}s", name, line, String.format(Locale.ROOT, "%.2f", seconds));
  }

  private static double round(double s) {
    return Math.round(s * 1000) / 1000.0;
  }
}
