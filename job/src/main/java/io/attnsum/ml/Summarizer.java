package io.attnsum.ml;

import io.attnsum.job.JobSettings;
import io.attnsum.job.SummaryEngine;
import io.attnsum.rank.DocumentSummary;
import io.attnsum.read.ParsedRecord;
import io.attnsum.read.RecordParser;
import io.attnsum.read.RejectedRecord;
import io.attnsum.write.OutputTables;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * attnsum as a Spark ML {@link Transformer}: summarises the text column of any DataFrame with the
 * batch job's engine ({@link SummaryEngine}: the same text stage, encode stage and summarize
 * tasks, so the same documents with the same settings get the same summaries and scores), and
 * adds four columns: the summary, its sentence indices, every sentence with its score and rank,
 * and the reason a row could not be summarised (the job's rejection reason; the other three are
 * null then). Every input row comes out, in its place.
 *
 * <p>{@link #transform} is eager for the corpus statistics and lazy for the summaries: the
 * ranking's lexical weights use the whole input's word counts, and the encode stage prepares its
 * files from them, so transform runs one Spark job over the input (text stage and word count),
 * prepares the encoder on the driver, and returns a DataFrame whose summaries are computed when
 * it is used. Nothing is cached: each action on the result reads the input again and repeats the
 * text stage for its rows (cache the result to use it more than once).
 *
 * <p>Params mirror the job's settings with {@code reference.conf}'s defaults; {@link #setConfig}
 * takes any other job key that decides what a summary is. The corpus files (the vocabulary, and
 * in word-vectors mode the vectors) go to a fresh folder under {@link #workDir}, deleted when the
 * session stops; static encoder packs are cached under it ({@code _encoders}) unless {@code
 * encoder.cache-path} says otherwise.
 */
public final class Summarizer extends Transformer implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(Summarizer.class);

  private final String uid;

  private final Param<String> textCol;
  private final Param<String> idCol;
  private final Param<String> summaryCol;
  private final Param<String> summarySentencesCol;
  private final Param<String> outputCol;
  private final Param<String> errorCol;
  private final Param<String> workDir;
  private final Param<String> budget;
  private final IntParam numSentences;
  private final DoubleParam ratio;
  private final IntParam maxWords;
  private final IntParam maxChars;
  private final Param<String> language;
  private final Param<String> encoderMode;
  private final Param<String> encoderModel;
  private final Param<String> encoderPath;
  private final Param<String> encoderCachePath;
  private final Param<String> vectorsPath;
  private final DoubleParam embeddingWeight;
  private final DoubleParam positionWeight;
  private final Param<String> redundancy;
  private final DoubleParam mmrLambda;
  private final StringArrayParam config;

  /** The params that stand for a job key, with the key, in one place. */
  private final Map<Param<?>, String> keys = new LinkedHashMap<>();

  public Summarizer() {
    this(Identifiable.randomUID("summarizer"));
  }

  public Summarizer(String uid) {
    this.uid = uid;
    textCol = stringParam("textCol", "input.text-field", "input column of the documents' text"
        + " (string, or binary UTF-8)");
    idCol = stringParam("idCol", "optional input column of the documents' ids (string, int or"
        + " long); with it, rows without an id are rejected (MISSING_ID), as the job rejects"
        + " them");
    summaryCol = stringParam("summaryCol", "output column of the summary: the selected"
        + " sentences in document order, one per line; null when the row was rejected");
    summarySentencesCol = stringParam("summarySentencesCol", "output column of the summary's"
        + " sentence indices (array<int>, ascending)");
    outputCol = stringParam("outputCol", "output column of every sentence: array of struct"
        + " (index, text, start, end, score, rank, selected, known_tokens), the job's sentences"
        + " table without doc_id");
    errorCol = stringParam("errorCol", "output column of the reason a row was not summarised"
        + " (the job's rejection reason: EMPTY_TEXT, TOO_LARGE, NO_SENTENCES, ...), else null");
    workDir = stringParam("workDir", "folder every executor can read (hdfs://, s3a://, or file:"
        + " on one machine) for the corpus files of each transform and the static encoder cache;"
        + " default: <java.io.tmpdir>/attnsum-<user> under a local master; required otherwise"
        + " unless encoder.cache-path is set");
    budget = stringParam("budget", "summary.budget", "what bounds a summary: sentences | words"
        + " | chars | ratio");
    numSentences = intParam("numSentences", "summary.sentences", "sentences per summary for"
        + " budget = sentences");
    ratio = doubleParam("ratio", "summary.ratio", "share of the sentences for budget = ratio");
    maxWords = intParam("maxWords", "summary.max-words", "tokens for budget = words");
    maxChars = intParam("maxChars", "summary.max-chars", "characters for budget = chars");
    language = stringParam("language", "text.language", "auto (per document) | en | zh");
    encoderMode = stringParam("encoderMode", "encoder.mode", "static | contextual |"
        + " word-vectors");
    encoderModel = stringParam("encoderModel", "encoder.model", "auto | all-minilm-l6-v2 |"
        + " bge-small-zh-v1.5");
    encoderPath = stringParam("encoderPath", "encoder.path", "a folder with your own"
        + " model.onnx and tokenizer.json; empty = built-in");
    encoderCachePath = stringParam("encoderCachePath", "encoder.cache-path", "where static"
        + " packs are kept; empty = <workDir>/_encoders");
    vectorsPath = stringParam("vectorsPath", "vectors.path", "word-vectors mode's pretrained"
        + " vectors; empty = Word2Vec trained on the input");
    embeddingWeight = doubleParam("embeddingWeight", "rank.embedding-weight", "embedding share"
        + " of the sentence graph; 0 = lexical only");
    positionWeight = doubleParam("positionWeight", "rank.position-weight", "position prior"
        + " weight");
    redundancy = stringParam("redundancy", "rank.redundancy", "mmr | trigram");
    mmrLambda = doubleParam("mmrLambda", "rank.mmr-lambda", "MMR relevance against novelty");
    config = new StringArrayParam(this, "config", "other job keys, as key=value (setConfig)",
        new ConfigCheck(keys));
    setDefaults();
  }

  private void setDefaults() {
    setDefault(summaryCol, "summary");
    setDefault(summarySentencesCol, "summarySentences");
    setDefault(outputCol, "sentences");
    setDefault(errorCol, "error");
    setDefault(config, new String[0]);
    for (Map.Entry<Param<?>, String> e : keys.entrySet()) {
      Param<?> p = e.getKey();
      String key = e.getValue();
      if (p instanceof IntParam i) {
        setDefault(i, SummarizerSettings.defaultInt(key));
      } else if (p instanceof DoubleParam d) {
        setDefault(d, SummarizerSettings.defaultDouble(key));
      } else {
        @SuppressWarnings("unchecked")
        Param<String> s = (Param<String>) p;
        setDefault(s, SummarizerSettings.defaultString(key));
      }
    }
  }

  private Param<String> stringParam(String name, String doc) {
    return new Param<>(this, name, doc);
  }

  /** A param that stands for job key {@code key}, checked as the job checks it when set. */
  private Param<String> stringParam(String name, String key, String doc) {
    Param<String> p = new Param<>(this, name, key + ": " + doc, new ParamCheck<>(name, key));
    keys.put(p, key);
    return p;
  }

  private IntParam intParam(String name, String key, String doc) {
    IntParam p = new IntParam(this, name, key + ": " + doc, new ParamCheck<>(name, key));
    keys.put(p, key);
    return p;
  }

  private DoubleParam doubleParam(String name, String key, String doc) {
    DoubleParam p = new DoubleParam(this, name, key + ": " + doc, new ParamCheck<>(name, key));
    keys.put(p, key);
    return p;
  }

  /** A param's isValid: the job's own check of its key, throwing with the job's message. */
  private static final class ParamCheck<T> extends scala.runtime.AbstractFunction1<T, Object>
      implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String param;
    private final String key;

    ParamCheck(String param, String key) {
      this.param = param;
      this.key = key;
    }

    @Override
    public Object apply(T value) {
      SummarizerSettings.checkParam(param, key, value);
      return Boolean.TRUE;
    }
  }

  /** The config param's isValid: every entry a job key a Summarizer reads, with a valid value. */
  private static final class ConfigCheck extends scala.runtime.AbstractFunction1<String[], Object>
      implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Map<String, String> typed = new TreeMap<>();

    ConfigCheck(Map<Param<?>, String> keys) {
      keys.forEach((p, k) -> typed.put(k, p.name()));
    }

    @Override
    public Object apply(String[] entries) {
      for (String entry : entries) {
        int eq = entry.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException(
              "Summarizer param config: expected key=value, got \"" + entry + "\"");
        }
        SummarizerSettings.checkEntry(entry.substring(0, eq).trim(), entry.substring(eq + 1),
            typed);
      }
      return Boolean.TRUE;
    }
  }

  @Override
  public String uid() {
    return uid;
  }

  // --- ML persistence -------------------------------------------------------------------------

  public static MLReader<Summarizer> read() {
    return new DefaultParamsReadable<Summarizer>() {}.read();
  }

  public static Summarizer load(String path) {
    return read().load(path);
  }

  @Override
  public Summarizer copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  // --- the transform --------------------------------------------------------------------------

  @Override
  public StructType transformSchema(StructType schema) {
    new RowRecords(schema, settings("work").input(), isDefined(idCol));
    List<StructField> fields = new ArrayList<>(Arrays.asList(schema.fields()));
    for (StructField out : outputFields(settings("work"))) {
      if (Arrays.asList(schema.fieldNames()).contains(out.name())) {
        throw new IllegalArgumentException("Summarizer: the input already has a column '"
            + out.name() + "'; name the output another way (summaryCol, summarySentencesCol,"
            + " outputCol, errorCol)");
      }
      fields.add(out);
    }
    return DataTypes.createStructType(fields);
  }

  private List<StructField> outputFields(JobSettings settings) {
    boolean weights = settings.output().tokenWeights();
    return List.of(
        DataTypes.createStructField($(summaryCol), DataTypes.StringType, true),
        DataTypes.createStructField($(summarySentencesCol),
            DataTypes.createArrayType(DataTypes.IntegerType, false), true),
        DataTypes.createStructField($(outputCol),
            DataTypes.createArrayType(OutputTables.sentenceStruct(weights), false), true),
        DataTypes.createStructField($(errorCol), DataTypes.StringType, true));
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType outSchema = transformSchema(dataset.schema());
    SparkSession spark = dataset.sparkSession();
    WorkFolders folders = WorkFolders.create(spark, isDefined(workDir) ? $(workDir) : null,
        settings("work").encoder().cachePath());
    JobSettings settings = settings(folders.root());
    Dataset<Row> frame = dataset.toDF();
    RowRecords records = new RowRecords(frame.schema(), settings.input(), isDefined(idCol));
    JavaRDD<Row> rows = frame.javaRDD();

    long started = System.nanoTime();
    JavaRDD<ParsedRecord> parsed = rows.mapPartitions(it -> parseAll(it, records));
    SummaryEngine.Corpus corpus = SummaryEngine.prepareCorpus(spark, settings, parsed,
        folders.root(), folders.work(), folders.vectors());
    LOG.info("Summarizer {}: corpus pass: {} documents, {} rejected, {} words in {} s; files in {}",
        uid, corpus.documents(), corpus.rejected(), corpus.vocabularyWords(),
        String.format(java.util.Locale.ROOT, "%.2f", (System.nanoTime() - started) / 1e9),
        folders.work());

    boolean weights = settings.output().tokenWeights();
    JavaRDD<Row> out = rows.mapPartitions(it -> {
      int partition = TaskContext.getPartitionId();
      RecordParser parser = records.parser();
      long[] index = {0};
      return SummaryEngine.summarizeRecords(it,
          row -> records.parse(parser, row, partition, index[0]++), new Columns(weights),
          settings, corpus.encoder());
    });
    return spark.createDataFrame(out, outSchema);
  }

  private static Iterator<ParsedRecord> parseAll(Iterator<Row> rows, RowRecords records) {
    int partition = TaskContext.getPartitionId();
    RecordParser parser = records.parser();
    return new Iterator<>() {
      private long index;

      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public ParsedRecord next() {
        return records.parse(parser, rows.next(), partition, index++);
      }
    };
  }

  /** A row with the four output columns appended. */
  private record Columns(boolean weights) implements SummaryEngine.Results<Row, Row> {
    @Override
    public Row summarized(Row row, DocumentSummary s) {
      return append(row, OutputTables.summaryText(s), OutputTables.summaryIndices(s),
          OutputTables.sentenceStructs(s, weights).toArray(new Row[0]), null);
    }

    @Override
    public Row rejected(Row row, RejectedRecord record) {
      return append(row, null, null, null, record.reason().name());
    }

    private static Row append(Row row, Object... columns) {
      Object[] values = new Object[row.length() + columns.length];
      for (int i = 0; i < row.length(); i++) {
        values[i] = row.get(i);
      }
      System.arraycopy(columns, 0, values, row.length(), columns.length);
      return RowFactory.create(values);
    }
  }

  /** The job's settings these params make, with {@code workRoot} as the output root. */
  JobSettings settings(String workRoot) {
    List<String> overrides = new ArrayList<>();
    for (Map.Entry<Param<?>, String> e : keys.entrySet()) {
      overrides.add(e.getValue() + "=" + $(e.getKey()));
    }
    if (isDefined(idCol)) {
      overrides.add("input.id-field=" + $(idCol));
    }
    overrides.addAll(Arrays.asList($(config)));
    return SummarizerSettings.build(overrides, workRoot);
  }

  // --- params ---------------------------------------------------------------------------------

  /** Sets any other job key that decides what a summary is (checked now, as the job would). */
  public Summarizer setConfig(String key, String value) {
    Map<String, String> entries = getConfig();
    entries.put(key, value);
    List<String> list = new ArrayList<>();
    entries.forEach((k, v) -> list.add(k + "=" + v));
    set(config, list.toArray(new String[0]));
    return this;
  }

  /** The keys set by {@link #setConfig}, sorted. */
  public Map<String, String> getConfig() {
    Map<String, String> out = new TreeMap<>();
    for (String entry : $(config)) {
      int eq = entry.indexOf('=');
      out.put(entry.substring(0, eq).trim(), entry.substring(eq + 1));
    }
    return out;
  }

  public StringArrayParam config() {
    return config;
  }

  public Param<String> textCol() {
    return textCol;
  }

  public Summarizer setTextCol(String value) {
    set(textCol, value);
    return this;
  }

  public String getTextCol() {
    return $(textCol);
  }

  public Param<String> idCol() {
    return idCol;
  }

  public Summarizer setIdCol(String value) {
    set(idCol, value);
    return this;
  }

  public String getIdCol() {
    return $(idCol);
  }

  public Param<String> summaryCol() {
    return summaryCol;
  }

  public Summarizer setSummaryCol(String value) {
    set(summaryCol, value);
    return this;
  }

  public String getSummaryCol() {
    return $(summaryCol);
  }

  public Param<String> summarySentencesCol() {
    return summarySentencesCol;
  }

  public Summarizer setSummarySentencesCol(String value) {
    set(summarySentencesCol, value);
    return this;
  }

  public String getSummarySentencesCol() {
    return $(summarySentencesCol);
  }

  public Param<String> outputCol() {
    return outputCol;
  }

  public Summarizer setOutputCol(String value) {
    set(outputCol, value);
    return this;
  }

  public String getOutputCol() {
    return $(outputCol);
  }

  public Param<String> errorCol() {
    return errorCol;
  }

  public Summarizer setErrorCol(String value) {
    set(errorCol, value);
    return this;
  }

  public String getErrorCol() {
    return $(errorCol);
  }

  public Param<String> workDir() {
    return workDir;
  }

  public Summarizer setWorkDir(String value) {
    set(workDir, value);
    return this;
  }

  public String getWorkDir() {
    return $(workDir);
  }

  public Param<String> budget() {
    return budget;
  }

  public Summarizer setBudget(String value) {
    set(budget, value);
    return this;
  }

  public String getBudget() {
    return $(budget);
  }

  public IntParam numSentences() {
    return numSentences;
  }

  public Summarizer setNumSentences(int value) {
    set(numSentences, value);
    return this;
  }

  public int getNumSentences() {
    return (Integer) $(numSentences);
  }

  public DoubleParam ratio() {
    return ratio;
  }

  public Summarizer setRatio(double value) {
    set(ratio, value);
    return this;
  }

  public double getRatio() {
    return (Double) $(ratio);
  }

  public IntParam maxWords() {
    return maxWords;
  }

  public Summarizer setMaxWords(int value) {
    set(maxWords, value);
    return this;
  }

  public int getMaxWords() {
    return (Integer) $(maxWords);
  }

  public IntParam maxChars() {
    return maxChars;
  }

  public Summarizer setMaxChars(int value) {
    set(maxChars, value);
    return this;
  }

  public int getMaxChars() {
    return (Integer) $(maxChars);
  }

  public Param<String> language() {
    return language;
  }

  public Summarizer setLanguage(String value) {
    set(language, value);
    return this;
  }

  public String getLanguage() {
    return $(language);
  }

  public Param<String> encoderMode() {
    return encoderMode;
  }

  public Summarizer setEncoderMode(String value) {
    set(encoderMode, value);
    return this;
  }

  public String getEncoderMode() {
    return $(encoderMode);
  }

  public Param<String> encoderModel() {
    return encoderModel;
  }

  public Summarizer setEncoderModel(String value) {
    set(encoderModel, value);
    return this;
  }

  public String getEncoderModel() {
    return $(encoderModel);
  }

  public Param<String> encoderPath() {
    return encoderPath;
  }

  public Summarizer setEncoderPath(String value) {
    set(encoderPath, value);
    return this;
  }

  public String getEncoderPath() {
    return $(encoderPath);
  }

  public Param<String> encoderCachePath() {
    return encoderCachePath;
  }

  public Summarizer setEncoderCachePath(String value) {
    set(encoderCachePath, value);
    return this;
  }

  public String getEncoderCachePath() {
    return $(encoderCachePath);
  }

  public Param<String> vectorsPath() {
    return vectorsPath;
  }

  public Summarizer setVectorsPath(String value) {
    set(vectorsPath, value);
    return this;
  }

  public String getVectorsPath() {
    return $(vectorsPath);
  }

  public DoubleParam embeddingWeight() {
    return embeddingWeight;
  }

  public Summarizer setEmbeddingWeight(double value) {
    set(embeddingWeight, value);
    return this;
  }

  public double getEmbeddingWeight() {
    return (Double) $(embeddingWeight);
  }

  public DoubleParam positionWeight() {
    return positionWeight;
  }

  public Summarizer setPositionWeight(double value) {
    set(positionWeight, value);
    return this;
  }

  public double getPositionWeight() {
    return (Double) $(positionWeight);
  }

  public Param<String> redundancy() {
    return redundancy;
  }

  public Summarizer setRedundancy(String value) {
    set(redundancy, value);
    return this;
  }

  public String getRedundancy() {
    return $(redundancy);
  }

  public DoubleParam mmrLambda() {
    return mmrLambda;
  }

  public Summarizer setMmrLambda(double value) {
    set(mmrLambda, value);
    return this;
  }

  public double getMmrLambda() {
    return (Double) $(mmrLambda);
  }
}
