package io.attnsum.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.posexplode_outer;
import static org.apache.spark.sql.functions.split;

import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The least a Spark job can do with the benchmark's corpora: read the JSON Lines, split each text
 * into sentences with one built-in regular expression, write the sentences as Parquet. No project
 * code runs, so its fixed cost per run (JIT warm-up, Spark SQL's first query, job scheduling) is
 * Spark's on this machine. {@code scripts/bench.sh} runs it next to the job's full and floor runs
 * so the scaling table shows how much of a run's fixed cost no job built on Spark can avoid.
 *
 * <p>Timed like the job's manifest: from after the session starts to after the write commits.
 * Prints one JSON line: documents, sentences, seconds.
 *
 * <pre>SparkBaseline --input FILE.jsonl --output DIR</pre>
 */
public final class SparkBaseline {
  // Sentence ends the way a naive splitter sees them; the job's segmenter does far more.
  private static final String SENTENCE_BREAK = "(?<=[.!?])\\s+";

  private SparkBaseline() {}

  public static void main(String[] args) {
    String input = null;
    String output = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--input" -> input = args[i + 1];
        case "--output" -> output = args[i + 1];
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (input == null || output == null) {
      throw new IllegalArgumentException("usage: SparkBaseline --input FILE.jsonl --output DIR");
    }
    SparkSession spark = SparkSession.builder().appName("attnsum-spark-baseline")
        .config("spark.ui.enabled", "false").getOrCreate();
    try {
      long started = System.nanoTime();
      Dataset<Row> documents = spark.read().schema("id STRING, text STRING").json(input);
      documents
          .select(col("id"), posexplode_outer(split(col("text"), SENTENCE_BREAK)).as(new String[] {"position", "sentence"}))
          .write().mode(SaveMode.Overwrite).parquet(output);
      double seconds = (System.nanoTime() - started) / 1e9;
      // Counted after the clock stops: documents by a second read, sentences from Parquet footers.
      long docs = spark.read().schema("id STRING, text STRING").json(input).count();
      long sentences = spark.read().parquet(output).count();
      System.out.printf(Locale.ROOT, "{\"documents\":%d,\"sentences\":%d,\"seconds\":%.3f}%n", docs, sentences, seconds);
    } finally {
      spark.stop();
    }
  }
}
