package io.attnsum.write;

import io.attnsum.rank.DocumentSummary;
import io.attnsum.rank.ScoredSentence;
import io.attnsum.read.RejectedRecord;
import io.attnsum.text.Sentence;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Schemas of the output tables and the rows for them (documented in README.md, checked by
 * tests). Rows are built directly from each document's result, one pass, no explode.
 */
public final class OutputTables {
  private OutputTables() {}

  public static StructType sentencesSchema(boolean tokenWeights) {
    List<StructField> f = new ArrayList<>();
    f.add(DataTypes.createStructField("doc_id", DataTypes.StringType, false));
    f.addAll(List.of(sentenceStruct(tokenWeights).fields()));
    return DataTypes.createStructType(f);
  }

  /**
   * One sentence as the {@code sentences} table has it, without the document id: the element of
   * the Spark ML stage's sentences column.
   */
  public static StructType sentenceStruct(boolean tokenWeights) {
    List<StructField> f = new ArrayList<>();
    f.add(DataTypes.createStructField("index", DataTypes.IntegerType, false));
    f.add(DataTypes.createStructField("text", DataTypes.StringType, false));
    f.add(DataTypes.createStructField("start", DataTypes.IntegerType, false));
    f.add(DataTypes.createStructField("end", DataTypes.IntegerType, false));
    f.add(DataTypes.createStructField("score", DataTypes.DoubleType, false));
    f.add(DataTypes.createStructField("rank", DataTypes.IntegerType, false));
    f.add(DataTypes.createStructField("selected", DataTypes.BooleanType, false));
    // Null when nothing read the sentence vectors, so no encoder ran.
    f.add(DataTypes.createStructField("known_tokens", DataTypes.IntegerType, true));
    if (tokenWeights) {
      f.add(DataTypes.createStructField("tokens", DataTypes.createArrayType(DataTypes.StringType, false), true));
      f.add(DataTypes.createStructField("weights", DataTypes.createArrayType(DataTypes.FloatType, false), true));
    }
    return DataTypes.createStructType(f);
  }

  public static final StructType SUMMARIES =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField("doc_id", DataTypes.StringType, false),
              DataTypes.createStructField("language", DataTypes.StringType, false),
              DataTypes.createStructField("summary", DataTypes.StringType, false),
              DataTypes.createStructField(
                  "sentence_indices", DataTypes.createArrayType(DataTypes.IntegerType, false), false),
              DataTypes.createStructField("sentence_count", DataTypes.IntegerType, false),
              DataTypes.createStructField("source_sentence_count", DataTypes.IntegerType, false)));

  public static final StructType REJECTED =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField("source", DataTypes.StringType, true),
              DataTypes.createStructField("location", DataTypes.LongType, false),
              DataTypes.createStructField("id", DataTypes.StringType, true),
              DataTypes.createStructField("reason", DataTypes.StringType, false),
              DataTypes.createStructField("message", DataTypes.StringType, false),
              DataTypes.createStructField("payload", DataTypes.StringType, true)));

  private static final java.util.regex.Pattern LINE_BREAK = java.util.regex.Pattern.compile("\\s*\\R\\s*");

  /** One row per sentence, in document order. */
  public static List<Row> sentenceRows(DocumentSummary s, boolean tokenWeights) {
    return sentences(s, tokenWeights, s.document().id());
  }

  /** One {@link #sentenceStruct} per sentence, in document order. */
  public static List<Row> sentenceStructs(DocumentSummary s, boolean tokenWeights) {
    return sentences(s, tokenWeights, null);
  }

  /** The sentences' values, led by {@code docId} unless it is null. */
  private static List<Row> sentences(DocumentSummary s, boolean tokenWeights, String docId) {
    List<Sentence> sentences = s.document().sentences();
    List<Row> rows = new ArrayList<>(sentences.size());
    for (int i = 0; i < sentences.size(); i++) {
      Sentence sent = sentences.get(i);
      ScoredSentence sc = s.sentences().get(i);
      List<Object> values = new ArrayList<>(11);
      if (docId != null) {
        values.add(docId);
      }
      values.addAll(List.of(sent.index(), sent.text(), sent.start(), sent.end(), sc.score(),
          sc.rank(), sc.selected()));
      values.add(sc.knownTokens() < 0 ? null : sc.knownTokens());
      if (tokenWeights) {
        values.add(sc.tokens());
        values.add(boxed(sc.tokenWeights()));
      }
      rows.add(RowFactory.create(values.toArray()));
    }
    return rows;
  }

  public static Row summaryRow(DocumentSummary s) {
    return RowFactory.create(
        s.document().id(),
        s.document().language().code(),
        summaryText(s),
        summaryIndices(s),
        s.document().sentences().size(),
        s.document().sourceSentenceCount());
  }

  /** The summary text: selected sentences in document order, one per line (ROUGE-Lsum style). */
  public static String summaryText(DocumentSummary s) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < s.selected().length; i++) {
      if (i > 0) {
        text.append('\n');
      }
      // A summary line must stay one line even when the source sentence spans lines.
      String sentence = s.document().sentences().get(s.selected()[i]).text();
      text.append(LINE_BREAK.matcher(sentence).replaceAll(" "));
    }
    return text.toString();
  }

  /** The summary's sentence indices, ascending, as an array column takes them. */
  public static Integer[] summaryIndices(DocumentSummary s) {
    Integer[] indices = new Integer[s.selected().length];
    for (int i = 0; i < indices.length; i++) {
      indices[i] = s.selected()[i];
    }
    return indices;
  }

  public static Row rejectedRow(RejectedRecord r) {
    return RowFactory.create(r.source(), r.location(), r.id(), r.reason().name(), r.message(), r.payload());
  }

  private static Float[] boxed(float[] w) {
    if (w == null) {
      return null;
    }
    Float[] out = new Float[w.length];
    for (int i = 0; i < w.length; i++) {
      out[i] = w[i];
    }
    return out;
  }
}
