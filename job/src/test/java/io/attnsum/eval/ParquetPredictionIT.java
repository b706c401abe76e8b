package io.attnsum.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.attnsum.testing.LocalSpark;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parquet output (read through Spark) yields the same documents as the JSON Lines output. */
class ParquetPredictionIT implements Serializable {
  private transient SparkSession spark = LocalSpark.get();
  @TempDir transient Path dir;

  @Test
  void parquetRunReadsBackLikeTheJsonRun() throws IOException {
    Path gold = dir.resolve("gold.jsonl");
    Files.copy(EvalFixtures.path(EvalFixtures.SCITLDR), gold);
    Path jsonRun = DatasetSplitRun.write(gold, dir.resolve("json"), -1);
    Path parquetRun = dir.resolve("parquet/run_id=p");
    for (String table : new String[] {"sentences", "summaries"}) {
      spark.read().json(jsonRun.resolve(table).toString())
          .selectExpr(table.equals("sentences")
              ? new String[] {"doc_id", "CAST(`index` AS INT) AS `index`", "text",
                  "CAST(start AS INT) AS start", "CAST(`end` AS INT) AS `end`", "score",
                  "CAST(rank AS INT) AS rank", "selected"}
              : new String[] {"doc_id", "language", "summary", "sentence_indices"})
          .repartition(3)
          .write().parquet(parquetRun.resolve(table).toString());
    }
    Files.copy(jsonRun.resolve("_manifest.json"), parquetRun.resolve("_manifest.json"));

    PredictionRun fromJson = new PredictionReader().read(jsonRun);
    PredictionRun fromParquet = new PredictionReader().read(dir.resolve("parquet"));
    assertThat(fromJson.format()).isEqualTo("json");
    assertThat(fromParquet.format()).isEqualTo("parquet");
    assertThat(fromParquet.documents()).hasSize(15);
    assertThat(fromParquet.documents()).containsExactlyInAnyOrderEntriesOf(fromJson.documents());
    assertThat(fromParquet.manifest().get("config").toString()).contains("summary.sentences");
    // The shared session must survive the reader.
    assertThat(spark.sparkContext().isStopped()).isFalse();
  }
}
