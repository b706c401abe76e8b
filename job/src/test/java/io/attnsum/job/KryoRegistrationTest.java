package io.attnsum.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.attnsum.rank.DocumentSummary;
import io.attnsum.rank.ScoredSentence;
import io.attnsum.read.ParsedRecord;
import io.attnsum.read.RawDocument;
import io.attnsum.read.RecordKey;
import io.attnsum.read.RejectReason;
import io.attnsum.read.RejectedRecord;
import io.attnsum.testing.TestSettings;
import io.attnsum.text.AnalyzedDocument;
import io.attnsum.text.DocumentAnalyzer;
import io.attnsum.text.Language;
import io.attnsum.text.Sentence;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

/** Every record the job shuffles or caches survives Spark's Kryo serializer with our registrator. */
class KryoRegistrationTest {
  private final SerializerInstance kryo = kryo();

  private static SerializerInstance kryo() {
    SparkConf conf = new SparkConf(false);
    KryoRegistration.configure(conf);
    conf.set("spark.kryo.registrationRequired", "true"); // an unregistered class fails loudly
    return new KryoSerializer(conf).newInstance();
  }

  @SuppressWarnings("unchecked")
  private <T> T roundTrip(T value) {
    ByteBuffer bytes = kryo.serialize(value, ClassTag$.MODULE$.AnyRef());
    return (T) kryo.deserialize(bytes, ClassTag$.MODULE$.AnyRef());
  }

  @Test
  void everyRecordOfTheDataPathRoundTripsFieldByField() {
    DocumentAnalyzer analyzer = new DocumentAnalyzer(TestSettings.text());
    AnalyzedDocument english = analyzer.analyze("en-1", "The cat sat.\n\nIt purred — «loudly»! Ünïcödé 42.6 ok?");
    AnalyzedDocument chinese = analyzer.analyze("zh-1", "今天天气很好。我们去公园散步吧！");
    RejectedRecord rejection = new RejectedRecord("s3a://b/f.jsonl", 1L << 40, null,
        RejectReason.MALFORMED_JSON, "bad \"json\"", null);
    AnalyzedDocument lean = new AnalyzedDocument("lean", null, null,
        List.of(new Sentence(0, "x", 0, 1, null), new Sentence(1, "", 2, 2, new String[0])), 3, 1,
        4);
    List<Object> values = List.of(
        english, chinese, lean, rejection,
        new Analyzed.Document(english),
        new Analyzed.Rejected(rejection),
        new Analyzed.Tally(tally(english, rejection),
            new String[] {"cat", "猫", "x"}, new long[] {3, 1L << 40, 1}),
        new ParsedRecord.Document(new RawDocument("id", "text ✓", null, 7)),
        new ParsedRecord.Document(new RawDocument("id", "text", "f", 7, 300)),
        new ParsedRecord.Rejected(rejection),
        new RecordKey("id", null, -1),
        new DocumentSummary(chinese,
            List.of(new ScoredSentence(0, 0.25, 2, false, 3, null, null),
                new ScoredSentence(1, -1e-300, 1, true, 0, new float[] {0.5f, Float.MIN_VALUE, 0f},
                    new String[] {"我们", "##去", "公园"})),
            new int[] {1}));
    for (Object value : values) {
      Object back = roundTrip(value);
      assertThat(back).isNotSameAs(value).hasSameClassAs(value);
      assertThat(back).usingRecursiveComparison().isEqualTo(value);
    }
    assertThat(english.sentences()).hasSizeGreaterThan(1);
    assertThat(english.language()).isEqualTo(Language.EN);
    assertThat(chinese.language()).isEqualTo(Language.ZH);
  }

  @Test
  void configureSelectsKryoAndKeepsTheUsersChoices() {
    SparkConf plain = new SparkConf(false);
    KryoRegistration.configure(plain);
    assertThat(plain.get("spark.serializer")).isEqualTo("org.apache.spark.serializer.KryoSerializer");
    assertThat(plain.get("spark.kryo.registrator")).isEqualTo(KryoRegistration.class.getName());
    assertThat(plain.get("spark.shuffle.sort.bypassMergeThreshold")).isEqualTo("8");

    SparkConf user = new SparkConf(false)
        .set("spark.serializer", "org.apache.spark.serializer.JavaSerializer")
        .set("spark.kryo.registrator", "com.example.Mine");
    KryoRegistration.configure(user);
    KryoRegistration.configure(user); // idempotent
    assertThat(user.get("spark.serializer")).isEqualTo("org.apache.spark.serializer.JavaSerializer");
    assertThat(user.get("spark.kryo.registrator"))
        .isEqualTo("com.example.Mine," + KryoRegistration.class.getName());
    // The shuffle setting is for Kryo's cost; another serializer leaves Spark's default alone.
    assertThat(user.contains("spark.shuffle.sort.bypassMergeThreshold")).isFalse();

    SparkConf tuned = new SparkConf(false).set("spark.shuffle.sort.bypassMergeThreshold", "200");
    KryoRegistration.configure(tuned);
    assertThat(tuned.get("spark.shuffle.sort.bypassMergeThreshold")).isEqualTo("200");
  }

  private static TextTally tally(AnalyzedDocument d, RejectedRecord r) {
    TextTally t = new TextTally();
    t.add(d);
    t.add(r);
    return t;
  }
}
