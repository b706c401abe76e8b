package io.attnsum.ml;

import io.attnsum.read.InputSettings;
import io.attnsum.read.ParsedRecord;
import io.attnsum.read.RecordParser;
import java.io.Serializable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A DataFrame's rows as the job's input records: each row's id, text and summary length go
 * through the job's own {@link RecordParser}, so a row is rejected for the same reasons a record
 * of the batch job's input would be ({@code MISSING_TEXT}, {@code EMPTY_TEXT}, {@code
 * TOO_LARGE}, ...). A binary text column is decoded as strict UTF-8 ({@code INVALID_UTF8}
 * otherwise), as the job decodes its text files.
 */
final class RowRecords implements Serializable {
  private static final long serialVersionUID = 1L;

  private final InputSettings input;
  private final int textIndex;
  private final boolean binaryText;
  /** -1: none. */
  private final int idIndex;
  /** -1: none. */
  private final int summarySentencesIndex;

  /**
   * Checks that {@code schema} has the columns {@code input} names (the id column only if {@code
   * withId}) with types the job reads, and throws naming the column otherwise.
   */
  RowRecords(StructType schema, InputSettings input, boolean withId) {
    this.input = input;
    this.textIndex = column(schema, input.textField(), "textCol");
    DataType textType = schema.fields()[textIndex].dataType();
    if (!textType.equals(DataTypes.StringType) && !(textType instanceof BinaryType)) {
      throw new IllegalArgumentException("Summarizer: the text column '" + input.textField()
          + "' must be a string (or binary UTF-8) column, got " + textType.simpleString());
    }
    this.binaryText = textType instanceof BinaryType;
    this.idIndex = withId ? column(schema, input.idField(), "idCol") : -1;
    if (withId) {
      DataType idType = schema.fields()[idIndex].dataType();
      if (!idType.equals(DataTypes.StringType) && !idType.equals(DataTypes.IntegerType)
          && !idType.equals(DataTypes.LongType)) {
        throw new IllegalArgumentException("Summarizer: the id column '" + input.idField()
            + "' must be a string, int or long column, got " + idType.simpleString());
      }
    }
    String k = input.summarySentencesField();
    this.summarySentencesIndex =
        k == null ? -1 : column(schema, k, "setConfig(\"input.summary-sentences-field\")");
  }

  private static int column(StructType schema, String name, String param) {
    for (int i = 0; i < schema.fields().length; i++) {
      if (schema.fields()[i].name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("Summarizer: no column '" + name + "' (" + param
        + ") in the input; its columns are " + String.join(", ", schema.fieldNames()));
  }

  /** A parser for one task (parsers reuse a decoder: one per thread). */
  RecordParser parser() {
    // Rejections carry no payload here: the row itself stays in the output.
    return new RecordParser(input, 16);
  }

  /**
   * The row as a parsed record; {@code partition} and {@code index} (the row's place in its
   * partition) name it where the DataFrame has no id column.
   */
  ParsedRecord parse(RecordParser parser, Row row, int partition, long index) {
    String source = "partition " + partition;
    Object id = idIndex < 0 ? partition + ":" + index : row.get(idIndex);
    Object k = summarySentencesIndex < 0 ? null : row.get(summarySentencesIndex);
    Object text = row.get(textIndex);
    if (binaryText && text != null) {
      byte[] bytes = (byte[]) text;
      ParsedRecord decoded = parser.parseText(bytes, bytes.length, String.valueOf(id), source, index);
      if (!(decoded instanceof ParsedRecord.Document d)) {
        return decoded;
      }
      text = d.document().text();
    }
    return parser.parseFields(id, text, k, source, index, null);
  }
}
