package io.attnsum.read;

import static io.attnsum.read.ParsedRecords.documentOf;
import static io.attnsum.read.ParsedRecords.rejectionOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attnsum.config.ConfigException;
import io.attnsum.read.InputSettings.BadRecordPolicy;
import io.attnsum.testing.LocalSpark;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CSV and Parquet corpora through {@link CorpusReader}: documents with and without {@code
 * input.summary-sentences-field}, its column's values typed as each format stores them (CSV
 * strings, Parquet integers), bad values rejected with their reason.
 */
class ColumnarInputIT implements Serializable {
  private static final long serialVersionUID = 1L;
  private transient SparkSession spark = LocalSpark.get();
  @TempDir transient Path dir;

  private Map<String, ParsedRecord> read(Path path, InputFormat format, String field) {
    InputSettings settings = new InputSettings(path.toString(), format, "id", "text", false, true,
        0, 1 << 20, BadRecordPolicy.REJECT, field);
    Map<String, ParsedRecord> out = new HashMap<>();
    for (ParsedRecord r : new CorpusReader(spark, settings, 100).read().collect()) {
      out.put(r.key().id(), r);
    }
    return out;
  }

  @Test
  void csvLengthsAreDigitStrings() throws Exception {
    Path csv = dir.resolve("in.csv");
    Files.writeString(csv, "id,text,k\na,\"One. Two.\",2\nb,\"Three.\",\nc,\"Four.\",two\n");
    Map<String, ParsedRecord> plain = read(csv, InputFormat.CSV, null);
    assertThat(plain).hasSize(3);
    assertThat(plain.values()).allSatisfy(r -> assertThat(documentOf(r).summarySentences()).isZero());

    Map<String, ParsedRecord> own = read(csv, InputFormat.CSV, "k");
    assertThat(documentOf(own.get("a")).summarySentences()).isEqualTo(2);
    assertThat(documentOf(own.get("a")).text()).isEqualTo("One. Two.");
    assertThat(rejectionOf(own.get("b")).reason()).isEqualTo(RejectReason.MISSING_SUMMARY_SENTENCES);
    assertThat(rejectionOf(own.get("c")).reason()).isEqualTo(RejectReason.INVALID_SUMMARY_SENTENCES);

    assertThatThrownBy(() -> read(csv, InputFormat.CSV, "length"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("input.summary-sentences-field");
  }

  @Test
  void parquetLengthsAreIntegers() {
    StructType schema = new StructType()
        .add("id", DataTypes.StringType)
        .add("text", DataTypes.StringType)
        .add("k", DataTypes.IntegerType, true);
    Path parquet = dir.resolve("in.parquet");
    spark.createDataFrame(List.of(
            RowFactory.create("a", "One. Two. Three.", 3),
            RowFactory.create("b", "Four.", null),
            RowFactory.create("c", "Five.", 0)), schema)
        .coalesce(1).write().parquet(parquet.toString());
    Map<String, ParsedRecord> plain = read(parquet, InputFormat.PARQUET, null);
    assertThat(plain.values()).allSatisfy(r -> assertThat(r).isInstanceOf(ParsedRecord.Document.class));

    Map<String, ParsedRecord> own = read(parquet, InputFormat.PARQUET, "k");
    assertThat(documentOf(own.get("a")).summarySentences()).isEqualTo(3);
    assertThat(rejectionOf(own.get("b")).reason()).isEqualTo(RejectReason.MISSING_SUMMARY_SENTENCES);
    assertThat(rejectionOf(own.get("c")).reason()).isEqualTo(RejectReason.INVALID_SUMMARY_SENTENCES);
  }
}
