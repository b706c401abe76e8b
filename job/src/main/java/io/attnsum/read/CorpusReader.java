package io.attnsum.read;

import io.attnsum.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.input.PortableDataStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import scala.Tuple2;

/**
 * The read stage's Spark shell: turns the corpus at {@code input.path} into one {@link
 * ParsedRecord} per input record (a document or a rejection). Parsing itself is {@link
 * RecordParser}; this class only wires Hadoop input formats to it.
 */
public final class CorpusReader {
  private final SparkSession spark;
  private final InputSettings settings;
  private final int payloadChars;

  public CorpusReader(SparkSession spark, InputSettings settings, int payloadChars) {
    this.spark = spark;
    this.settings = settings;
    this.payloadChars = payloadChars;
  }

  /** Fails with exit code 3 when nothing matches the input path. Runs on the driver, cheap. */
  public void checkExists() {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Path path = new Path(settings.path());
    try {
      FileSystem fs = path.getFileSystem(conf);
      FileStatus[] matches = fs.globStatus(path);
      if (matches == null || matches.length == 0) {
        throw InputException.nothingMatches(settings.path());
      }
    } catch (IOException e) {
      throw new InputException("cannot list input.path " + settings.path() + ": " + e.getMessage());
    }
  }

  /** Every record of the corpus, parsed. Lazy. */
  public JavaRDD<ParsedRecord> read() {
    return switch (settings.format()) {
      case JSONL -> jsonLines();
      case TEXT -> settings.textPerFile() ? textFiles() : textLines();
      case PARQUET -> columnar(spark.read().parquet(settings.path()));
      case CSV ->
          columnar(
              spark.read()
                  .option("header", settings.csvHeader())
                  .option("multiLine", true)
                  .option("mode", "PERMISSIVE")
                  .csv(settings.path()));
    };
  }

  /**
   * Counts input records independently of parsing (raw lines, files or rows), so the job can
   * check its books: input = documents written + rejected.
   */
  public long countRecords() {
    return switch (settings.format()) {
      case JSONL, TEXT -> settings.textPerFile() && settings.format() == InputFormat.TEXT
          ? JavaSparkContext.fromSparkContext(spark.sparkContext()).binaryFiles(settings.path()).count()
          : lines().count();
      case PARQUET -> spark.read().parquet(settings.path()).count();
      case CSV ->
          spark.read().option("header", settings.csvHeader()).option("multiLine", true)
              .csv(settings.path()).count();
    };
  }

  @SuppressWarnings("unchecked")
  private JavaNewHadoopRDD<LongWritable, Text> lines() {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Configuration conf = new Configuration(jsc.hadoopConfiguration());
    return (JavaNewHadoopRDD<LongWritable, Text>)
        jsc.newAPIHadoopFile(settings.path(), TextInputFormat.class, LongWritable.class, Text.class, conf);
  }

  private JavaRDD<ParsedRecord> jsonLines() {
    InputSettings s = settings;
    int chars = payloadChars;
    return lines()
        .mapPartitionsWithInputSplit(
            (split, it) -> {
              String source = ((FileSplit) split).getPath().toString();
              RecordParser parser = new RecordParser(s, chars);
              return map(it, t -> parser.parseJsonLine(t._2().getBytes(), t._2().getLength(), source, t._1().get()));
            },
            false);
  }

  private JavaRDD<ParsedRecord> textLines() {
    InputSettings s = settings;
    int chars = payloadChars;
    return lines()
        .mapPartitionsWithInputSplit(
            (split, it) -> {
              Path file = ((FileSplit) split).getPath();
              String source = file.toString();
              String name = file.getName();
              RecordParser parser = new RecordParser(s, chars);
              return map(it, t -> parser.parseText(t._2().getBytes(), t._2().getLength(),
                  name + ":" + t._1().get(), source, t._1().get()));
            },
            false);
  }

  private JavaRDD<ParsedRecord> textFiles() {
    InputSettings s = settings;
    int chars = payloadChars;
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    return jsc.binaryFiles(settings.path())
        .mapPartitions(
            it -> {
              RecordParser parser = new RecordParser(s, chars);
              return map(it, (Tuple2<String, PortableDataStream> t) -> readWholeFile(parser, s, t._1(), t._2()));
            });
  }

  private static ParsedRecord readWholeFile(RecordParser parser, InputSettings s, String path, PortableDataStream stream) throws IOException {
    // Read at most max+1 bytes: a huge file must be rejected, not loaded.
    long limit = s.maxDocumentBytes() + 1;
    byte[] buf = new byte[(int) Math.min(limit, 1 << 20)];
    int n = 0;
    try (InputStream in = stream.open()) {
      int r;
      while (n < limit && (r = in.read(buf, n, (int) Math.min(buf.length - n, limit - n))) > 0) {
        n += r;
        if (n == buf.length && n < limit) {
          buf = Arrays.copyOf(buf, (int) Math.min(limit, (long) buf.length * 2));
        }
      }
    }
    String id = new Path(path).getName();
    if (n > s.maxDocumentBytes()) {
      return new ParsedRecord.Rejected(new RejectedRecord(path, 0, id, RejectReason.TOO_LARGE,
          "file is over input.max-document-bytes = " + s.maxDocumentBytes(),
          parser.truncate(new String(buf, 0, Math.min(n, 4096), java.nio.charset.StandardCharsets.UTF_8))));
    }
    return parser.parseText(buf, n, id, path, 0);
  }

  private JavaRDD<ParsedRecord> columnar(Dataset<Row> frame) {
    List<String> columns = Arrays.asList(frame.columns());
    requireColumn(columns, settings.idField(), "input.id-field");
    requireColumn(columns, settings.textField(), "input.text-field");
    String budgetField = settings.summarySentencesField();
    if (budgetField != null) {
      requireColumn(columns, budgetField, "input.summary-sentences-field");
    }
    InputSettings s = settings;
    int chars = payloadChars;
    Dataset<Row> selected =
        frame.select(
            frame.col(settings.idField()).as("id"),
            frame.col(settings.textField()).as("text"),
            functions.input_file_name().as("source"),
            budgetField == null ? functions.lit(null).as("summary_sentences")
                : frame.col(budgetField).as("summary_sentences"));
    return selected
        .javaRDD()
        .mapPartitions(
            it -> {
              RecordParser parser = new RecordParser(s, chars);
              return map(it, row -> parser.parseFields(row.get(0), row.get(1), row.get(3),
                  row.getString(2), -1, String.valueOf(row.get(1))));
            });
  }

  private static void requireColumn(List<String> columns, String name, String key) {
    if (!columns.contains(name)) {
      throw ConfigException.invalid(key, name, "a column of the input, one of " + columns);
    }
  }

  /** A lazy map over a partition iterator: keeps Hadoop's reused Writables safe and memory flat. */
  static <A, B> Iterator<B> map(Iterator<A> in, ThrowingFunction<A, B> f) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return in.hasNext();
      }

      @Override
      public B next() {
        try {
          return f.apply(in.next());
        } catch (RuntimeException e) {
          throw e;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    };
  }

  @FunctionalInterface
  interface ThrowingFunction<A, B> {
    B apply(A a) throws Exception;
  }

}
