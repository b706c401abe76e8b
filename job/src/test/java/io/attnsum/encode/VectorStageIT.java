package io.attnsum.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attnsum.config.ConfigReader;
import io.attnsum.testing.LocalSpark;
import io.attnsum.testing.TestSettings;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Tuple2;

class VectorStageIT implements Serializable {
  private static final long serialVersionUID = 1L;
  private final transient SparkSession spark = LocalSpark.get();
  @TempDir transient Path dir;

  private static final List<String[]> SENTENCES =
      List.of(
          new String[] {"the", "cat", "sat"},
          new String[] {"the", "dog", "naïve", "東京"},
          new String[] {"cat", "and", "dog", "zzunknown"},
          new String[] {"the", "the", "end."},
          new String[] {});

  private JavaRDD<String[]> corpus(List<String[]> sentences) {
    return JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(sentences, 3);
  }

  /** The stage on a corpus's sentences, its vocabulary counted here as the text stage counts it. */
  private PreparedVectors prepare(
      JavaRDD<String[]> sentences, VectorSettings settings, String vectorsDir, String packPath) {
    JavaPairRDD<String, Long> vocabulary = sentences
        .flatMapToPair(s -> Arrays.stream(s).map(w -> new Tuple2<>(w, 1L)).iterator())
        .reduceByKey(Long::sum)
        .cache();
    try {
      long tokens = vocabulary.values().fold(0L, Long::sum);
      return VectorStage.prepare(
          spark, vocabulary, vocabulary.collectAsMap(), tokens, sentences, settings, vectorsDir,
          packPath);
    } finally {
      vocabulary.unpersist(false);
    }
  }

  /** File vectors: every corpus word but "and" and "zzunknown", plus words the corpus lacks. */
  private static Map<String, float[]> fileVectors() {
    Map<String, float[]> v = new LinkedHashMap<>();
    String[] words = {"xylophone", "the", "cat", "sat", "dog", "naïve", "東京", "end.", "unused"};
    for (int i = 0; i < words.length; i++) {
      v.put(words[i], new float[] {i + 0.5f, -i * 0.25f, 1f / (i + 3), (float) Math.sqrt(i)});
    }
    return v;
  }

  /** The pack as an executor sees it: loaded inside a task through the per-JVM cache. */
  private Map<String, float[]> seenByExecutors(String packUri) {
    List<Tuple2<String, float[]>> rows =
        JavaSparkContext.fromSparkContext(spark.sparkContext())
            .parallelize(List.of(1, 2), 2)
            .mapPartitions(
                it -> {
                  VectorPack p = VectorPackCache.get(packUri);
                  List<Tuple2<String, float[]>> out = new ArrayList<>();
                  for (int r = 0; r < p.size(); r++) {
                    float[] v = new float[p.dim()];
                    p.copyRow(r, v, 0);
                    out.add(new Tuple2<>(p.word(r), v));
                  }
                  return out.iterator();
                })
            .collect();
    Map<String, float[]> m = new HashMap<>();
    for (Tuple2<String, float[]> t : rows) {
      m.put(t._1(), t._2()); // both partitions see the same pack; equal rows overwrite
    }
    return m;
  }

  private void assertPrunedToTheCorpus(PreparedVectors p, Map<String, float[]> file) {
    Map<String, Long> counts = new TreeMap<>();
    for (String[] s : SENTENCES) {
      for (String w : s) {
        counts.merge(w, 1L, Long::sum);
      }
    }
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    long covered =
        counts.entrySet().stream()
            .filter(e -> file.containsKey(e.getKey()))
            .mapToLong(Map.Entry::getValue)
            .sum();
    assertThat(p.vocabularySize()).isEqualTo(counts.size());
    assertThat(p.corpusTokens()).isEqualTo(total);
    assertThat(p.packedWords()).isEqualTo(7);
    assertThat(p.coverage()).isEqualTo((double) covered / total); // 12 of 15 tokens
    assertThat(p.dim()).isEqualTo(4);

    Map<String, float[]> seen = seenByExecutors(p.packUri());
    assertThat(seen.keySet())
        .containsExactlyInAnyOrder("the", "cat", "sat", "dog", "naïve", "東京", "end.");
    for (Map.Entry<String, float[]> e : seen.entrySet()) {
      assertThat(e.getValue()).as(e.getKey()).containsExactly(file.get(e.getKey()));
    }
    VectorPack pack = VectorPackCache.get(p.packUri());
    assertThat(pack.word(0)).isEqualTo("the"); // most frequent first
    assertThat(pack.count(0)).isEqualTo(4);
    assertThat(p.packBytes()).isEqualTo(VectorFiles.packBytes(pack));
  }

  private PreparedVectors prepare(Path file, VectorFormat format, String packName) {
    VectorSettings settings = TestSettings.vectors(
        "vectors.path=" + file.toUri(), "vectors.format=" + ConfigReader.configName(format));
    return prepare(corpus(SENTENCES), settings,
        dir.resolve("_vectors").toUri().toString(), dir.resolve(packName).toUri().toString());
  }

  @Test
  void textFileIsReadInParallelAndPrunedToTheCorpusVocabulary() throws IOException {
    Map<String, float[]> v = fileVectors();
    Path file = VectorFiles.write(dir, "vectors.vec", VectorFiles.text(v, true, true));
    PreparedVectors p = prepare(file, VectorFormat.AUTO, "text.pack");
    assertThat(p.source()).isEqualTo("pretrained");
    assertThat(p.format()).isEqualTo("word2vec-text");
    assertPrunedToTheCorpus(p, v);
  }

  /** Above the broadcast limit the file's lines meet the vocabulary in a shuffle join instead. */
  @Test
  void shuffleJoinPrunesToTheSameRowsAsTheBroadcast() throws IOException {
    Map<String, float[]> v = fileVectors();
    Path file = VectorFiles.write(dir, "shuffled.vec", VectorFiles.text(v, true, true));
    VectorSettings settings = TestSettings.vectors(
        "vectors.path=" + file.toUri(), "vectors.format=auto", "vectors.broadcast-words=0");
    PreparedVectors p = prepare(corpus(SENTENCES), settings,
        dir.resolve("_vectors").toUri().toString(), dir.resolve("shuffled.pack").toUri().toString());
    assertPrunedToTheCorpus(p, v);
    prepare(file, VectorFormat.AUTO, "broadcast.pack");
    assertThat(java.nio.file.Files.readAllBytes(dir.resolve("shuffled.pack")))
        .isEqualTo(java.nio.file.Files.readAllBytes(dir.resolve("broadcast.pack")));
  }

  @Test
  void gzipGloveFileIsPrunedToTheCorpusVocabulary() throws IOException {
    Map<String, float[]> v = fileVectors();
    Path file =
        VectorFiles.write(dir, "glove.txt.gz", VectorFiles.gzip(VectorFiles.text(v, false, false)));
    PreparedVectors p = prepare(file, VectorFormat.AUTO, "glove.pack");
    assertThat(p.format()).isEqualTo("glove");
    assertPrunedToTheCorpus(p, v);
  }

  @Test
  void binaryFileIsStreamedAndPrunedToTheCorpusVocabulary() throws IOException {
    Map<String, float[]> v = fileVectors();
    Path file = VectorFiles.write(dir, "vectors.bin", VectorFiles.binary(v, true));
    PreparedVectors p = prepare(file, VectorFormat.AUTO, "binary.pack");
    assertThat(p.format()).isEqualTo("word2vec-binary");
    assertPrunedToTheCorpus(p, v);
  }

  @Test
  void aBadLineFailsTheStageNamingTheFileAndByteOffset() throws IOException {
    String text = "3 2\nthe 1 2\ncat 1 2 3\nsat 4 5\n";
    Path file = dir.resolve("bad.txt");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    assertThatThrownBy(() -> prepare(file, VectorFormat.AUTO, "bad.pack"))
        .isInstanceOf(VectorFileException.class)
        .hasMessageContaining("bad.txt")
        .hasMessageContaining("line at byte offset 12")
        .hasMessageContaining("expected a word and 2 values (dimension from the header), found 3");
  }

  @Test
  void trainedVectorsAreSavedAndReusedUnchanged() throws IOException {
    List<String[]> sentences = CorpusWord2VecTest.corpus(300, 5);
    VectorSettings settings = TestSettings.vectors(training(2, 9, 1000, "vectors.reuse=true"));
    VectorSettings.Training t = settings.train();
    String vectorsDir = dir.resolve("_vectors").toUri().toString();

    PreparedVectors first = prepare(corpus(sentences), settings, vectorsDir,
        dir.resolve("first.pack").toUri().toString());
    PreparedVectors second = prepare(corpus(sentences), settings, vectorsDir,
        dir.resolve("second.pack").toUri().toString());

    assertThat(first.source()).isEqualTo("trained");
    assertThat(second.source()).isEqualTo("reused");
    assertThat(second.vectorsFile()).isEqualTo(first.vectorsFile()).contains(t.fingerprint());
    VectorPack a = VectorPackCache.get(first.packUri());
    VectorPack b = VectorPackCache.get(second.packUri());
    assertThat(b.data()).isEqualTo(a.data());
    // The trained vectors, read back from the saved text file, equal a direct training on the
    // stage's sample (all 300 sentences here, in the sample's partition-independent order).
    List<String[]> sample = VectorStage.sample(corpus(sentences), t);
    assertThat(sample).hasSize(sentences.size());
    VectorPack direct = CorpusWord2Vec.train(sample, t);
    for (int r = 0; r < a.size(); r++) {
      int d = direct.indexOf(a.word(r));
      float[] x = new float[8];
      float[] y = new float[8];
      a.copyRow(r, x, 0);
      direct.copyRow(d, y, 0);
      assertThat(x).as(a.word(r)).containsExactly(y);
      assertThat(a.count(r)).isEqualTo(direct.count(d));
    }
    assertThat(a.size()).isEqualTo(direct.size());
  }

  @Test
  void trainingSampleIsBoundedAndDeterministic() {
    List<String[]> sentences = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      sentences.add(new String[] {"s" + i});
    }
    VectorSettings.Training t = TestSettings.vectors(training(1, 9, 100)).train();
    List<String[]> a = VectorStage.sample(corpus(sentences), t);
    List<String[]> b = VectorStage.sample(corpus(sentences), t);
    assertThat(a).hasSize(100);
    assertThat(a.stream().map(s -> s[0]).toList()).isEqualTo(b.stream().map(s -> s[0]).toList());
    // The same sentences in the same order whatever the partitioning: the partition count
    // follows the cluster, the vectors must not.
    List<String[]> reversed = new ArrayList<>(sentences);
    java.util.Collections.reverse(reversed);
    List<String[]> c = VectorStage.sample(LocalSpark.get().createDataset(reversed.stream().map(x -> x[0]).toList(),
        org.apache.spark.sql.Encoders.STRING()).javaRDD().repartition(7).map(x -> new String[] {x}), t);
    assertThat(c.stream().map(s -> s[0]).toList()).isEqualTo(a.stream().map(s -> s[0]).toList());
    // A different seed picks a different sample.
    VectorSettings.Training other = TestSettings.vectors(training(1, 10, 100)).train();
    assertThat(VectorStage.sample(corpus(sentences), other).stream().map(s -> s[0]).toList())
        .isNotEqualTo(a.stream().map(s -> s[0]).toList());
  }

  /** Small skip-gram training (8 dimensions, window 2, one epoch, 3 negative samples). */
  private static String[] training(int minCount, long seed, int sampleSentences, String... more) {
    List<String> sets = new ArrayList<>(List.of(
        "vectors.train.algorithm=skipgram", "vectors.train.dimensions=8", "vectors.train.window=2",
        "vectors.train.min-count=" + minCount, "vectors.train.epochs=1",
        "vectors.train.negative=3", "vectors.train.seed=" + seed,
        "vectors.train.sample-sentences=" + sampleSentences));
    sets.addAll(List.of(more));
    return sets.toArray(String[]::new);
  }
}
