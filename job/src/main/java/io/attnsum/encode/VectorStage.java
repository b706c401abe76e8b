package io.attnsum.encode;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.TextInputFormat;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * The vectors stage on Spark: count the corpus vocabulary, extract the vectors of those words only
 * (from a pretrained file, or from Word2Vec trained on the corpus), and write them as one {@link
 * VectorPack} that executors load once per JVM through {@link VectorPackCache}.
 *
 * <p>Words without a vector: the pack simply has no row for them ({@link VectorPack#indexOf}
 * returns -1) and downstream stages skip such tokens; the attention stage flags a sentence none of
 * whose tokens has a vector instead of averaging nothing.
 *
 * <p>Corpus-sized, not file-sized: a 2 GB pretrained file is read in parallel as lines (text
 * formats), every line is validated, and only lines whose word the corpus uses are parsed into
 * floats and collected; the pack then holds corpus-vocabulary rows only. A binary word2vec file
 * has no line structure to split on (records are found only by reading from the start), so it is
 * streamed once on the driver, filtered by the vocabulary as it goes. So is a gzip file whose name
 * does not end in {@code .gz} (Hadoop picks codecs by extension).
 */
public final class VectorStage {
  private static final Logger LOG = LoggerFactory.getLogger(VectorStage.class);

  private VectorStage() {}

  /**
   * Prepares the pack for this run from an already counted vocabulary (the job counts it in the
   * text stage's pass over the corpus).
   *
   * @param vocabulary every corpus word once, with its count (cache it: a large vocabulary is
   *     joined with the vectors file's lines)
   * @param wordCounts the same, collected on the driver (the encode stage holds it already)
   * @param corpusTokens the sum of the vocabulary's counts
   * @param sentenceTokens each sentence's normalised tokens, read only to train Word2Vec
   */
  public static PreparedVectors prepare(
      SparkSession spark,
      JavaPairRDD<String, Long> vocabulary,
      Map<String, Long> wordCounts,
      long corpusTokens,
      JavaRDD<String[]> sentenceTokens,
      VectorSettings settings,
      String vectorsDir,
      String packPath) {
    long start = System.nanoTime();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Configuration conf = jsc.hadoopConfiguration();
    try {
      long vocabularySize = wordCounts.size();
      LOG.info("Corpus vocabulary: {} words, {} tokens", vocabularySize, corpusTokens);

      String source;
      String file;
      VectorFormat format;
      if (settings.path() != null) {
        source = "pretrained";
        file = settings.path();
        format = settings.format();
      } else {
        Path trained = new Path(vectorsDir, "word2vec-" + settings.train().fingerprint() + ".txt");
        FileSystem fs = trained.getFileSystem(conf);
        if (settings.reuse() && fs.exists(trained)) {
          source = "reused";
          LOG.info("Reusing trained vectors {}", trained);
        } else {
          source = "trained";
          List<String[]> sample = sample(sentenceTokens, settings.train());
          VectorPack model = CorpusWord2Vec.train(sample, settings.train());
          writeAtomically(fs, trained, out -> VectorFileWriter.writeText(model, out));
          LOG.info("Saved trained vectors to {}", trained);
        }
        file = fs.makeQualified(trained).toString();
        format = VectorFormat.WORD2VEC_TEXT;
      }

      Path filePath = new Path(file);
      FileSystem fileFs = filePath.getFileSystem(conf);
      FileStatus status = fileFs.getFileStatus(filePath);
      if (status.isDirectory()) {
        throw new VectorFileException(file, null, "is a directory; expected one vectors file");
      }
      VectorFileLayout layout = layout(fileFs, filePath, file, format);
      List<PackedRow> rows;
      if (layout.format().isBinary() || (layout.gzip() && !file.endsWith(".gz"))) {
        LOG.info("Streaming {} on the driver ({} cannot be split)", file,
            layout.format().isBinary() ? "binary word2vec" : "gzip without .gz suffix");
        rows = streamOnDriver(fileFs, filePath, file, layout, wordCounts);
      } else {
        rows = readDistributed(jsc, file, layout, vocabulary,
            vocabularySize <= settings.broadcastWords() ? wordCounts : null);
      }

      // Frequent words first (their rows are touched most), ties by word: a deterministic order.
      rows.sort(
          Comparator.comparingLong((PackedRow r) -> -r.count).thenComparing(r -> r.word));
      int dim = layout.dim();
      String[] words = new String[rows.size()];
      long[] counts = new long[rows.size()];
      float[] data = new float[rows.size() * dim];
      long covered = 0;
      for (int i = 0; i < rows.size(); i++) {
        PackedRow r = rows.get(i);
        words[i] = r.word;
        counts[i] = r.count;
        covered += r.count;
        System.arraycopy(r.vector, 0, data, i * dim, dim);
      }
      VectorPack pack = new VectorPack(words, data, dim, counts);

      Path packFile = new Path(packPath);
      FileSystem packFs = packFile.getFileSystem(conf);
      writeAtomically(packFs, packFile, pack::write);
      String packUri = packFs.makeQualified(packFile).toString();
      long packBytes = packFs.getFileStatus(packFile).getLen();

      long loadStart = System.nanoTime();
      VectorPack loaded = VectorPackCache.load(packUri, conf);
      long loadMillis = (System.nanoTime() - loadStart) / 1_000_000;
      if (loaded.size() != pack.size()) {
        throw new IllegalStateException("pack " + packUri + " did not read back whole");
      }
      double coverage = corpusTokens == 0 ? 0.0 : (double) covered / corpusTokens;
      PreparedVectors prepared =
          new PreparedVectors(
              packUri, source, file, configName(layout.format()), dim, vocabularySize,
              corpusTokens, pack.size(), coverage, packBytes, loadMillis,
              (System.nanoTime() - start) / 1_000_000);
      LOG.info(
          "Vector pack {}: {} of {} corpus words, coverage {} of tokens, {} bytes, loads in {} ms",
          packUri, pack.size(), vocabularySize, String.format("%.4f", coverage), packBytes,
          loadMillis);
      return prepared;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String configName(VectorFormat f) {
    return io.attnsum.config.ConfigReader.configName(f);
  }

  /** One extracted row: a corpus word, its corpus count and its vector. */
  static final class PackedRow implements Serializable {
    private static final long serialVersionUID = 1L;
    final String word;
    final long count;
    final long offset;
    final float[] vector;

    PackedRow(String word, long count, long offset, float[] vector) {
      this.word = word;
      this.count = count;
      this.offset = offset;
      this.vector = vector;
    }
  }

  private static VectorFileLayout layout(
      FileSystem fs, Path path, String file, VectorFormat format) throws IOException {
    try (InputStream raw = new BufferedInputStream(fs.open(path), 1 << 16)) {
      raw.mark(2);
      byte[] magic = raw.readNBytes(2);
      raw.reset();
      boolean gzip = VectorFileLayout.isGzip(magic, magic.length);
      InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
      byte[] head = in.readNBytes(VectorFileLayout.HEAD_BYTES);
      return VectorFileLayout.detect(head, head.length, file, format, gzip);
    }
  }

  private static List<PackedRow> streamOnDriver(
      FileSystem fs, Path path, String file, VectorFileLayout layout,
      Map<String, Long> counts) throws IOException {
    VectorPack pack;
    try (InputStream in = fs.open(path)) {
      pack = VectorFileReader.read(in, file, layout.format(),
          VectorFileReader.SizedFilter.of(counts.keySet()));
    }
    List<PackedRow> rows = new ArrayList<>(pack.size());
    for (int i = 0; i < pack.size(); i++) {
      float[] v = new float[pack.dim()];
      pack.copyRow(i, v, 0);
      rows.add(new PackedRow(pack.word(i), counts.get(pack.word(i)), i, v));
    }
    return rows;
  }

  /**
   * Reads a text vectors file as lines on the executors, validates every line, keeps the lines of
   * corpus words and parses only their values. Plain RDD operations, not a DataFrame join: the
   * job's first Spark SQL query costs seconds of planning and code generation on a cold driver,
   * and the write stage pays that anyway.
   *
   * @param broadcast the vocabulary to send to every task, or null for a shuffle join with
   *     {@code vocabulary}
   */
  private static List<PackedRow> readDistributed(
      JavaSparkContext jsc, String file, VectorFileLayout layout,
      JavaPairRDD<String, Long> vocabulary, Map<String, Long> broadcast) {
    LongAccumulator vectorLines = jsc.sc().longAccumulator("vector file lines");
    JavaPairRDD<LongWritable, Text> text =
        jsc.hadoopFile(file, TextInputFormat.class, LongWritable.class, Text.class);
    JavaRDD<Tuple2<FileLine, Long>> joined;
    Broadcast<HashMap<String, Long>> wanted = null;
    if (broadcast != null) {
      wanted = jsc.broadcast(new HashMap<>(broadcast));
      joined = text.mapPartitions(new LineSplitter(file, layout, vectorLines, wanted));
    } else {
      joined =
          text.mapPartitions(new LineSplitter(file, layout, vectorLines, null))
              .mapToPair(c -> new Tuple2<>(c._1().word, c._1()))
              .join(vocabulary)
              .values();
    }
    List<PackedRow> matches;
    try {
      matches = new ArrayList<>(joined.mapPartitions(new ValueParser(file, layout)).collect());
    } catch (Exception e) { // Spark throws its checked SparkException undeclared
      throw unwrapFileError(e);
    } finally {
      if (wanted != null) {
        wanted.destroy();
      }
    }
    if (layout.hasHeader() && vectorLines.value() != layout.headerCount()) {
      // An accumulator updated in a transformation may over-count retried tasks, so this only warns.
      LOG.warn("{}: the header announces {} vectors, {} lines were read", file,
          layout.headerCount(), vectorLines.value());
    }
    // Duplicate words in the file: keep the first occurrence, as the streaming reader does.
    Map<String, PackedRow> first = new HashMap<>(matches.size() * 2);
    for (PackedRow r : matches) {
      first.merge(r.word, r, (a, b) -> a.offset <= b.offset ? a : b);
    }
    if (first.size() < matches.size()) {
      LOG.warn("{}: {} duplicate words ignored (first vector kept)", file,
          matches.size() - first.size());
    }
    return new ArrayList<>(first.values());
  }

  /** A task failure caused by a bad file is reported as the file error itself. */
  private static RuntimeException unwrapFileError(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof VectorFileException v) {
        return v;
      }
    }
    return e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
  }

  /** One validated line of a vectors file: its word, byte offset and the bytes after the word. */
  static final class FileLine implements Serializable {
    private static final long serialVersionUID = 1L;
    final String word;
    final long offset;
    final byte[] values;

    FileLine(String word, long offset, byte[] values) {
      this.word = word;
      this.offset = offset;
      this.values = values;
    }
  }

  /**
   * Validates each line and emits it with its corpus count: only the vocabulary's lines when the
   * vocabulary is broadcast (their values copied, the others only scanned), else every line with
   * count 0 for the shuffle join.
   */
  static final class LineSplitter
      implements org.apache.spark.api.java.function.FlatMapFunction<
          Iterator<Tuple2<LongWritable, Text>>, Tuple2<FileLine, Long>> {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final VectorFileLayout layout;
    private final LongAccumulator vectorLines;
    private final Broadcast<HashMap<String, Long>> wanted;

    LineSplitter(String file, VectorFileLayout layout, LongAccumulator vectorLines,
        Broadcast<HashMap<String, Long>> wanted) {
      this.file = file;
      this.layout = layout;
      this.vectorLines = vectorLines;
      this.wanted = wanted;
    }

    @Override
    public Iterator<Tuple2<FileLine, Long>> call(Iterator<Tuple2<LongWritable, Text>> it) {
      VectorLineParser parser = new VectorLineParser(file, layout.dim(), layout.dimSource());
      Map<String, Long> counts = wanted == null ? null : wanted.value();
      // Lazy: one line at a time, so a partition's lines are never all held in memory.
      return new Iterator<>() {
        private Tuple2<FileLine, Long> next;
        private long lines;

        @Override
        public boolean hasNext() {
          while (next == null && it.hasNext()) {
            next = split(it.next());
          }
          if (next == null) {
            vectorLines.add(lines);
            lines = 0;
          }
          return next != null;
        }

        @Override
        public Tuple2<FileLine, Long> next() {
          if (!hasNext()) {
            throw new java.util.NoSuchElementException();
          }
          Tuple2<FileLine, Long> r = next;
          next = null;
          return r;
        }

        private Tuple2<FileLine, Long> split(Tuple2<LongWritable, Text> kv) {
          long offset = kv._1().get();
          if (offset == 0 && layout.hasHeader()) {
            return null; // the header, checked on the driver
          }
          Text text = kv._2();
          byte[] b = text.getBytes(); // reused by the record reader: copy what is kept
          int from = offset == 0 ? layout.bomBytes() : 0;
          int end = VectorLineParser.contentEnd(b, from, text.getLength());
          if (end == from) {
            return null;
          }
          int wEnd = VectorLineParser.wordEnd(b, from, end);
          String word = parser.decode(b, from, wEnd - from, -1, offset);
          parser.checkFieldCount(b, wEnd, end, word, -1, offset);
          lines++;
          Long count = 0L;
          if (counts != null) {
            count = counts.get(word);
            if (count == null) {
              return null;
            }
          }
          return new Tuple2<>(
              new FileLine(word, offset, Arrays.copyOfRange(b, wEnd, end)), count);
        }
      };
    }
  }

  /** Parses the values of the kept lines, each with its corpus count. */
  static final class ValueParser
      implements org.apache.spark.api.java.function.FlatMapFunction<
          Iterator<Tuple2<FileLine, Long>>, PackedRow> {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final VectorFileLayout layout;

    ValueParser(String file, VectorFileLayout layout) {
      this.file = file;
      this.layout = layout;
    }

    @Override
    public Iterator<PackedRow> call(Iterator<Tuple2<FileLine, Long>> it) {
      VectorLineParser parser = new VectorLineParser(file, layout.dim(), layout.dimSource());
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public PackedRow next() {
          Tuple2<FileLine, Long> t = it.next();
          FileLine line = t._1();
          float[] v = new float[layout.dim()];
          parser.parseValues(line.values, 0, line.values.length, v, 0, -1, line.offset);
          return new PackedRow(line.word, t._2(), line.offset, v);
        }
      };
    }
  }

  /**
   * A deterministic sample of at most {@code sample-sentences} sentences that does not depend on
   * how the corpus is partitioned: every sentence gets a seeded hash of its tokens, the {@code
   * bound} smallest hashes win ({@code takeOrdered}, so never more than the bound reaches the
   * driver), and training sees them in hash order. Partition-independence matters because the
   * partition count follows the cluster's parallelism, and Word2Vec with one worker is only
   * reproducible for a fixed input order.
   */
  static List<String[]> sample(JavaRDD<String[]> sentences, VectorSettings.Training t) {
    int bound = t.sampleSentences();
    long seed = t.seed();
    List<Tuple2<Long, String[]>> picked =
        sentences
            .map(s -> new Tuple2<>(tokenHash(s, seed), s))
            .takeOrdered(bound, new ByHashThenTokens());
    List<String[]> sample = new java.util.ArrayList<>(picked.size());
    for (Tuple2<Long, String[]> p : picked) {
      sample.add(p._2());
    }
    LOG.info("Training Word2Vec on a sample of {} sentences (bound {})", sample.size(), bound);
    return sample;
  }

  /** A seeded 64-bit hash of a sentence's tokens (SplitMix64 steps over String.hashCode). */
  static long tokenHash(String[] tokens, long seed) {
    long h = seed;
    for (String token : tokens) {
      h = mix(h + token.hashCode());
    }
    return mix(h + tokens.length);
  }

  private static long mix(long x) {
    long z = x * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Hash order, ties broken by the tokens themselves, so the order is total. */
  static final class ByHashThenTokens
      implements java.util.Comparator<Tuple2<Long, String[]>>, java.io.Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public int compare(Tuple2<Long, String[]> a, Tuple2<Long, String[]> b) {
      int c = Long.compare(a._1(), b._1());
      return c != 0 ? c : java.util.Arrays.compare(a._2(), b._2());
    }
  }

  /** Writes a file's content to a stream. */
  public interface StreamWriter {
    void write(OutputStream out) throws IOException;
  }

  /** Writes to a temporary sibling, then renames, so readers never see a half-written file. */
  public static void writeAtomically(FileSystem fs, Path target, StreamWriter writer)
      throws IOException {
    // A name of its own, so that two runs writing the same (deterministic) file do not collide.
    Path tmp = new Path(target.getParent(),
        "." + target.getName() + "." + java.util.UUID.randomUUID() + ".tmp");
    try (OutputStream out = new BufferedOutputStream(fs.create(tmp, true), 1 << 16)) {
      writer.write(out);
    }
    if (fs.exists(target) && !fs.delete(target, false)) {
      throw new IOException("cannot replace " + target);
    }
    if (!fs.rename(tmp, target)) {
      throw new IOException("cannot rename " + tmp + " to " + target);
    }
  }
}
