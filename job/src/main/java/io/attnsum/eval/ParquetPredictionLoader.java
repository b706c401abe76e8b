package io.attnsum.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads Parquet output tables with a local Spark session and collects them to the driver
 * (evaluation sets are small). Reuses an active session (tests, or eval inside a Spark app);
 * otherwise starts {@code local[*]} without UI on 127.0.0.1 and stops it afterwards.
 */
final class ParquetPredictionLoader {
  private ParquetPredictionLoader() {}

  static Map<String, PredictedDocument> load(Path run) {
    boolean existing = SparkSession.getActiveSession().isDefined()
        || SparkSession.getDefaultSession().isDefined();
    SparkSession spark = SparkSession.builder()
        .master("local[*]")
        .appName("attnsum-eval")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
    try {
      List<Row> sentenceRows = spark.read().parquet(run.resolve("sentences").toString())
          .selectExpr("doc_id", "`index`", "text", "score", "rank", "selected")
          .collectAsList();
      Map<String, List<PredictedSentence>> sentences = new LinkedHashMap<>();
      for (Row r : sentenceRows) {
        sentences.computeIfAbsent(r.getString(0), d -> new ArrayList<>())
            .add(new PredictedSentence(
                ((Number) r.get(1)).intValue(),
                r.isNullAt(2) ? "" : r.getString(2),
                r.isNullAt(3) ? 0 : ((Number) r.get(3)).doubleValue(),
                r.isNullAt(4) ? Integer.MAX_VALUE : ((Number) r.get(4)).intValue(),
                !r.isNullAt(5) && r.getBoolean(5)));
      }
      Map<String, String[]> summaries = new HashMap<>();
      java.io.File summaryDir = run.resolve("summaries").toFile();
      if (summaryDir.isDirectory()) {
        for (Row r : spark.read().parquet(summaryDir.toString())
            .selectExpr("doc_id", "language", "summary").collectAsList()) {
          summaries.put(r.getString(0), new String[] {
              r.isNullAt(1) ? null : r.getString(1), r.isNullAt(2) ? null : r.getString(2)});
        }
      }
      return PredictionReader.assemble(sentences, summaries);
    } finally {
      if (!existing) {
        spark.stop();
      }
    }
  }
}
