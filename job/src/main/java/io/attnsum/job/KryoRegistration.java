package io.attnsum.job;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.attnsum.rank.DocumentSummary;
import io.attnsum.rank.ScoredSentence;
import io.attnsum.read.ParsedRecord;
import io.attnsum.read.RawDocument;
import io.attnsum.read.RecordKey;
import io.attnsum.read.RejectReason;
import io.attnsum.read.RejectedRecord;
import io.attnsum.text.AnalyzedDocument;
import io.attnsum.text.Language;
import io.attnsum.text.Sentence;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Kryo serializers for the records the job shuffles and caches ({@code spark.kryo.registrator}).
 * Spark's default Java serialization writes class descriptors and builds every record through
 * reflection; the cached corpus and summaries are read three or four times per run, so their
 * encoding is on the critical path. Kryo 4 cannot build Java records itself (their final fields
 * cannot be set reflectively), so each record the job's data path carries has a hand-written
 * serializer here: fields in declaration order, strings and arrays with their null marker.
 */
public final class KryoRegistration implements KryoRegistrator {
  static final String SERIALIZER = "org.apache.spark.serializer.KryoSerializer";
  static final String BYPASS_MERGE_THRESHOLD_KEY = "spark.shuffle.sort.bypassMergeThreshold";
  /** Kryo instances Spark's pool keeps: up to this many open streams reuse pooled instances. */
  static final int BYPASS_MERGE_THRESHOLD = 8;

  /**
   * Selects Kryo with these serializers unless the user chose a serializer; a user's own
   * registrators are kept and this one is added to them. With Kryo, also lowers
   * {@code spark.shuffle.sort.bypassMergeThreshold} to {@value #BYPASS_MERGE_THRESHOLD} unless set.
   */
  public static void configure(SparkConf conf) {
    if (!conf.contains("spark.serializer")) {
      conf.set("spark.serializer", SERIALIZER);
    }
    String mine = KryoRegistration.class.getName();
    String registrators = conf.get("spark.kryo.registrator", "").trim();
    if (registrators.isEmpty()) {
      conf.set("spark.kryo.registrator", mine);
    } else if (!java.util.Arrays.asList(registrators.split("\\s*,\\s*")).contains(mine)) {
      conf.set("spark.kryo.registrator", registrators + "," + mine);
    }
    // Spark's bypass-merge shuffle writer (default up to 200 reduce partitions without map-side
    // combine) keeps one open serialization stream, and so one borrowed Kryo, per reduce
    // partition. The Kryo pool keeps 8, so a map task writing to 100 partitions builds about 92
    // new Kryo instances (1.1 ms each with Spark's registrations): 0.1–0.3 s of CPU per task in
    // the corpus repartition and the vocabulary count. Above the pool's size the serialized sort
    // writer, one stream per task, is used instead.
    if (conf.get("spark.serializer").equals(SERIALIZER)) {
      conf.setIfMissing(BYPASS_MERGE_THRESHOLD_KEY, String.valueOf(BYPASS_MERGE_THRESHOLD));
    }
  }

  @Override
  public void registerClasses(Kryo kryo) {
    kryo.register(Sentence.class, new SentenceSerializer());
    kryo.register(AnalyzedDocument.class, new AnalyzedDocumentSerializer());
    kryo.register(RejectedRecord.class, new RejectedRecordSerializer());
    kryo.register(Analyzed.Document.class, new CaseSerializer<>(
        AnalyzedDocument.class, Analyzed.Document::document, Analyzed.Document::new));
    kryo.register(Analyzed.Rejected.class, new CaseSerializer<>(
        RejectedRecord.class, Analyzed.Rejected::record, Analyzed.Rejected::new));
    kryo.register(Analyzed.Tally.class, new AnalyzedTallySerializer());
    kryo.register(RawDocument.class, new RawDocumentSerializer());
    kryo.register(ParsedRecord.Document.class, new CaseSerializer<>(
        RawDocument.class, ParsedRecord.Document::document, ParsedRecord.Document::new));
    kryo.register(ParsedRecord.Rejected.class, new CaseSerializer<>(
        RejectedRecord.class, ParsedRecord.Rejected::record, ParsedRecord.Rejected::new));
    kryo.register(RecordKey.class, new RecordKeySerializer());
    kryo.register(ScoredSentence.class, new ScoredSentenceSerializer());
    kryo.register(DocumentSummary.class, new DocumentSummarySerializer());
  }

  static final class SentenceSerializer extends Serializer<Sentence> {
    @Override
    public void write(Kryo kryo, Output out, Sentence s) {
      out.writeVarInt(s.index(), true);
      out.writeString(s.text());
      out.writeVarInt(s.start(), true);
      out.writeVarInt(s.end(), true);
      writeStrings(out, s.tokens());
    }

    @Override
    public Sentence read(Kryo kryo, Input in, Class<Sentence> type) {
      return new Sentence(in.readVarInt(true), in.readString(), in.readVarInt(true),
          in.readVarInt(true), readStrings(in));
    }
  }

  static final class AnalyzedDocumentSerializer extends Serializer<AnalyzedDocument> {
    private final SentenceSerializer sentences = new SentenceSerializer();

    @Override
    public void write(Kryo kryo, Output out, AnalyzedDocument d) {
      out.writeString(d.id());
      writeEnum(out, d.language());
      out.writeString(d.text());
      writeList(kryo, out, d.sentences(), sentences);
      out.writeVarInt(d.sourceSentenceCount(), true);
      out.writeVarInt(d.longSentenceCount(), true);
      out.writeVarInt(d.summarySentences(), true);
    }

    @Override
    public AnalyzedDocument read(Kryo kryo, Input in, Class<AnalyzedDocument> type) {
      String id = in.readString();
      Language language = readEnum(in, Language.values());
      String text = in.readString();
      List<Sentence> list = readList(kryo, in, sentences, Sentence.class);
      return new AnalyzedDocument(id, language, text, list, in.readVarInt(true),
          in.readVarInt(true), in.readVarInt(true));
    }
  }

  static final class RejectedRecordSerializer extends Serializer<RejectedRecord> {
    @Override
    public void write(Kryo kryo, Output out, RejectedRecord r) {
      out.writeString(r.source());
      out.writeLong(r.location());
      out.writeString(r.id());
      writeEnum(out, r.reason());
      out.writeString(r.message());
      out.writeString(r.payload());
    }

    @Override
    public RejectedRecord read(Kryo kryo, Input in, Class<RejectedRecord> type) {
      String source = in.readString();
      long location = in.readLong();
      String id = in.readString();
      RejectReason reason = readEnum(in, RejectReason.values());
      return new RejectedRecord(source, location, id, reason, in.readString(), in.readString());
    }
  }

  /**
   * A case of a sealed record type that wraps one other record ({@link Analyzed.Document}, {@link
   * ParsedRecord.Rejected}, ...): Kryo's registered class id says which case it is, so only the
   * wrapped record follows, through its own serializer.
   */
  static final class CaseSerializer<C, F> extends Serializer<C> {
    private final Class<F> field;
    private final Function<C, F> unwrap;
    private final Function<F, C> wrap;

    CaseSerializer(Class<F> field, Function<C, F> unwrap, Function<F, C> wrap) {
      this.field = field;
      this.unwrap = unwrap;
      this.wrap = wrap;
    }

    @Override
    public void write(Kryo kryo, Output out, C c) {
      kryo.writeObject(out, unwrap.apply(c));
    }

    @Override
    public C read(Kryo kryo, Input in, Class<C> type) {
      return wrap.apply(kryo.readObject(in, field));
    }
  }

  /** Once per partition: the tally goes through Java serialization, the words as arrays. */
  static final class AnalyzedTallySerializer extends Serializer<Analyzed.Tally> {
    private final JavaSerializer java = new JavaSerializer();

    @Override
    public void write(Kryo kryo, Output out, Analyzed.Tally t) {
      kryo.writeObject(out, t.counts(), java);
      writeStrings(out, t.words());
      out.writeLongs(t.wordCounts(), true);
    }

    @Override
    public Analyzed.Tally read(Kryo kryo, Input in, Class<Analyzed.Tally> type) {
      TextTally counts = kryo.readObject(in, TextTally.class, java);
      String[] words = readStrings(in);
      return new Analyzed.Tally(counts, words, in.readLongs(words.length, true));
    }
  }

  static final class RawDocumentSerializer extends Serializer<RawDocument> {
    @Override
    public void write(Kryo kryo, Output out, RawDocument d) {
      out.writeString(d.id());
      out.writeString(d.text());
      out.writeString(d.source());
      out.writeLong(d.location());
      out.writeVarInt(d.summarySentences(), true);
    }

    @Override
    public RawDocument read(Kryo kryo, Input in, Class<RawDocument> type) {
      return new RawDocument(in.readString(), in.readString(), in.readString(), in.readLong(),
          in.readVarInt(true));
    }
  }

  static final class RecordKeySerializer extends Serializer<RecordKey> {
    @Override
    public void write(Kryo kryo, Output out, RecordKey k) {
      out.writeString(k.id());
      out.writeString(k.source());
      out.writeLong(k.location());
    }

    @Override
    public RecordKey read(Kryo kryo, Input in, Class<RecordKey> type) {
      return new RecordKey(in.readString(), in.readString(), in.readLong());
    }
  }

  static final class ScoredSentenceSerializer extends Serializer<ScoredSentence> {
    @Override
    public void write(Kryo kryo, Output out, ScoredSentence s) {
      out.writeVarInt(s.index(), true);
      out.writeDouble(s.score());
      out.writeVarInt(s.rank(), true);
      out.writeBoolean(s.selected());
      out.writeVarInt(s.knownTokens(), true);
      float[] w = s.tokenWeights();
      out.writeVarInt(w == null ? 0 : w.length + 1, true);
      if (w != null) {
        out.writeFloats(w);
      }
      writeStrings(out, s.tokens());
    }

    @Override
    public ScoredSentence read(Kryo kryo, Input in, Class<ScoredSentence> type) {
      int index = in.readVarInt(true);
      double score = in.readDouble();
      int rank = in.readVarInt(true);
      boolean selected = in.readBoolean();
      int known = in.readVarInt(true);
      int n = in.readVarInt(true);
      float[] w = n == 0 ? null : in.readFloats(n - 1);
      return new ScoredSentence(index, score, rank, selected, known, w, readStrings(in));
    }
  }

  static final class DocumentSummarySerializer extends Serializer<DocumentSummary> {
    private final AnalyzedDocumentSerializer documents = new AnalyzedDocumentSerializer();
    private final ScoredSentenceSerializer scored = new ScoredSentenceSerializer();

    @Override
    public void write(Kryo kryo, Output out, DocumentSummary s) {
      documents.write(kryo, out, s.document());
      writeList(kryo, out, s.sentences(), scored);
      out.writeVarInt(s.selected().length, true);
      out.writeInts(s.selected(), true);
    }

    @Override
    public DocumentSummary read(Kryo kryo, Input in, Class<DocumentSummary> type) {
      AnalyzedDocument d = documents.read(kryo, in, AnalyzedDocument.class);
      List<ScoredSentence> list = readList(kryo, in, scored, ScoredSentence.class);
      int k = in.readVarInt(true);
      return new DocumentSummary(d, list, in.readInts(k, true));
    }
  }

  /** A list as its size and its elements through {@code serializer} (no nulls); read back as an ArrayList. */
  static <T> void writeList(Kryo kryo, Output out, List<T> list, Serializer<T> serializer) {
    out.writeVarInt(list.size(), true);
    for (T t : list) {
      serializer.write(kryo, out, t);
    }
  }

  static <T> List<T> readList(Kryo kryo, Input in, Serializer<T> serializer, Class<T> type) {
    int n = in.readVarInt(true);
    List<T> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(serializer.read(kryo, in, type));
    }
    return list;
  }

  /** An enum constant as ordinal + 1 (0 = null). */
  static void writeEnum(Output out, Enum<?> e) {
    out.writeVarInt(e == null ? 0 : e.ordinal() + 1, true);
  }

  static <E extends Enum<E>> E readEnum(Input in, E[] values) {
    int v = in.readVarInt(true);
    return v == 0 ? null : values[v - 1];
  }

  /** Strings with a length prefix (0 = null array); elements keep Kryo's own null marker. */
  static void writeStrings(Output out, String[] a) {
    out.writeVarInt(a == null ? 0 : a.length + 1, true);
    if (a != null) {
      for (String s : a) {
        out.writeString(s);
      }
    }
  }

  static String[] readStrings(Input in) {
    int n = in.readVarInt(true);
    if (n == 0) {
      return null;
    }
    String[] a = new String[n - 1];
    for (int i = 0; i < a.length; i++) {
      a[i] = in.readString();
    }
    return a;
  }
}
