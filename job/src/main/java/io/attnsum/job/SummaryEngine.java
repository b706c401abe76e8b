package io.attnsum.job;

import io.attnsum.encode.EncoderStage;
import io.attnsum.encode.PreparedEncoder;
import io.attnsum.rank.DocumentSummary;
import io.attnsum.read.ParsedRecord;
import io.attnsum.read.RejectedRecord;
import io.attnsum.text.AnalyzedDocument;
import io.attnsum.text.DocumentAnalyzer;
import io.attnsum.text.Language;
import io.attnsum.text.Sentence;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.spark.HashPartitioner;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The one engine behind the batch job and the Spark ML stage ({@code io.attnsum.ml.Summarizer}):
 * parsed records through the text stage, counted into the corpus vocabulary (the lexical weights'
 * counts, and what the encode stage prepares from), the encode stage prepared on the driver, and
 * the summarize tasks. The job adds reading, deduplication, the books and publishing around it;
 * the ML stage adds rows in and columns out.
 */
public final class SummaryEngine {
  private SummaryEngine() {}

  /** The text pass's counts: the corpus vocabulary (persisted) and the tally. */
  record Counted(JavaPairRDD<String, Long> vocabulary, long words, TextTally tally) {}

  /**
   * What the ML stage's corpus pass found and prepared.
   *
   * @param encoder what the summarize tasks load
   * @param documents records that became documents
   * @param rejected records that did not
   * @param vocabularyWords distinct words of the corpus
   */
  public record Corpus(PreparedEncoder encoder, long documents, long rejected, long vocabularyWords)
      implements Serializable {}

  /** What becomes of each item of a summarize task: its summary, or why it has none. */
  public interface Results<T, R> {
    R summarized(T item, DocumentSummary summary);

    R rejected(T item, RejectedRecord record);
  }

  /** The text stage over every partition; each partition ends with its tally. */
  static JavaRDD<Analyzed> analyze(
      JavaRDD<ParsedRecord> parsed, io.attnsum.text.TextSettings text, boolean countWords) {
    return parsed.mapPartitions(it -> TextPass.analyze(it, text, countWords));
  }

  /**
   * Counts the analysed corpus in one Spark job: each partition's tally (and words) rides in its
   * last record; the word counts are summed by a shuffle, the tallies gathered by an accumulator
   * keyed by partition. Unpersist the vocabulary once the encode stage has read it.
   */
  static Counted count(SparkSession spark, JavaRDD<Analyzed> analyzed) {
    TextTallies tallies = new TextTallies();
    spark.sparkContext().register(tallies, "text tallies");
    // A partition's words are distinct already (counted per partition), so the shuffle skips
    // Spark's map-side combine, which would only hash every word once more.
    JavaPairRDD<String, Long> vocabulary = analyzed
        .mapPartitionsToPair(it -> TextPass.words(TaskContext.getPartitionId(), it, tallies))
        .combineByKey(c -> c, Long::sum, Long::sum,
            new HashPartitioner(analyzed.getNumPartitions()), false, null)
        .persist(StorageLevel.MEMORY_AND_DISK());
    long words = vocabulary.count();
    return new Counted(vocabulary, words, tallies.total());
  }

  /**
   * The encode stage on the driver, for the languages the corpus has.
   *
   * @param root the folder under which the default encoder cache lives ({@code _encoders})
   * @param work this run's scratch folder (the vocabulary file, trained vectors)
   * @param vectorsDir where trained word vectors are kept for {@code vectors.reuse}
   */
  static EncoderStage.Prepared prepare(SparkSession spark, JobSettings config, Counted counted,
      JavaRDD<AnalyzedDocument> documents, String root, String work, String vectorsDir) {
    Set<Language> languages = EnumSet.noneOf(Language.class);
    for (Language l : Language.values()) {
      if (counted.tally().has(l)) {
        languages.add(l);
      }
    }
    return EncoderStage.prepare(spark, config.encoder(), config.vectors(),
        config.readsSentenceVectors(), languages,
        counted.vocabulary(), counted.tally().tokens, documents.flatMap(SummaryEngine::tokensOf),
        root, work, vectorsDir);
  }

  private static Iterator<String[]> tokensOf(AnalyzedDocument d) {
    List<String[]> out = new ArrayList<>(d.sentences().size());
    for (Sentence s : d.sentences()) {
      out.add(s.tokens());
    }
    return out.iterator();
  }

  static JavaRDD<AnalyzedDocument> documents(JavaRDD<Analyzed> analyzed) {
    return analyzed
        .filter(r -> r instanceof Analyzed.Document)
        .map(r -> ((Analyzed.Document) r).document());
  }

  /**
   * The ML stage's corpus pass: analyses and counts {@code parsed} (one Spark job; nothing is
   * left cached) and prepares the encode stage as the batch job does, with the same folders'
   * roles (see {@link #prepare}).
   */
  public static Corpus prepareCorpus(SparkSession spark, JobSettings config,
      JavaRDD<ParsedRecord> parsed, String root, String work, String vectorsDir) {
    JavaRDD<Analyzed> analyzed = analyze(parsed, config.text(), true);
    Counted counted = count(spark, analyzed);
    try {
      EncoderStage.Prepared prepared =
          prepare(spark, config, counted, documents(analyzed), root, work, vectorsDir);
      return new Corpus(prepared.encoder(), counted.tally().documents, counted.tally().rejected(),
          counted.words());
    } finally {
      counted.vocabulary().unpersist(false);
    }
  }

  /**
   * One summarize task of the ML stage: each item's record through the text stage and, in chunks,
   * through encode, attention and rank; one result per item, in order.
   *
   * @param parse the item's record (called once per item, on the task's thread)
   */
  public static <T, R> Iterator<R> summarizeRecords(Iterator<T> items,
      Function<T, ParsedRecord> parse, Results<T, R> results, JobSettings config,
      PreparedEncoder encoder) {
    DocumentAnalyzer analyzer = new DocumentAnalyzer(config.text());
    boolean keepTokens = config.output().tokenWeights();
    Iterator<Analysed<T>> analysed = new Iterator<>() {
      @Override
      public boolean hasNext() {
        return items.hasNext();
      }

      @Override
      public Analysed<T> next() {
        T item = items.next();
        return new Analysed<>(item, TextPass.analyze(parse.apply(item), analyzer));
      }
    };
    return SummarizeTask.run(analysed, new SummarizeTask.Items<Analysed<T>, R>() {
      @Override
      public boolean hasDocument(Analysed<T> a) {
        return a.analyzed() instanceof Analyzed.Document;
      }

      @Override
      public AnalyzedDocument document(Analysed<T> a) {
        return ((Analyzed.Document) a.analyzed()).document();
      }

      @Override
      public R summarized(Analysed<T> a, DocumentSummary summary) {
        return results.summarized(a.item(), summary.forOutput(keepTokens));
      }

      @Override
      public R passed(Analysed<T> a) {
        return results.rejected(a.item(), ((Analyzed.Rejected) a.analyzed()).record());
      }
    }, encoder, config.attention(), config.rank(), null);
  }

  /** An item with its record through the text stage (a document or a rejection). */
  private record Analysed<T>(T item, Analyzed analyzed) {}
}
