package io.attnsum.encode;

import io.attnsum.config.ConfigReader;
import io.attnsum.text.CorpusVocabulary;
import io.attnsum.text.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The encode stage on the driver: decides which encoder each language gets, makes what the tasks
 * will load (the corpus vocabulary; a static pack per language, distilled once and kept in the
 * encoder cache keyed by the model's hash; or the word vector pack), and describes it in a {@link
 * PreparedEncoder}.
 */
public final class EncoderStage {
  private static final Logger LOG = LoggerFactory.getLogger(EncoderStage.class);

  private EncoderStage() {}

  /** The prepared encoder and its manifest section. */
  public record Prepared(PreparedEncoder encoder, EncoderReport report) {}

  /**
   * Checks a user's encoder ({@code encoder.path}) before anything expensive runs: both files
   * exist, the tokenizer is a BERT WordPiece one, the graph a BERT-family encoder, and the two
   * agree. Throws {@link EncoderFileException} naming the file and what was expected.
   */
  public static void check(EncoderSettings settings, Configuration conf) {
    if (!settings.mode().pretrained() || settings.path() == null) {
      return;
    }
    EncoderSource source = EncoderSource.folder(settings.path(), settings.pooling());
    WordPieceTokenizer tokenizer;
    try (InputStream in = source.open(source.tokenizer(), conf)) {
      tokenizer = WordPieceTokenizer.read(in, source.tokenizer());
    } catch (IOException e) {
      throw new EncoderFileException(source.tokenizer(), "cannot be read: " + e.getMessage(), e);
    }
    BertConfig config;
    try (InputStream in = source.open(source.onnx(), conf)) {
      config = OnnxBertModel.read(in, source.onnx()).config();
    } catch (IOException e) {
      throw new EncoderFileException(source.onnx(), "cannot be read: " + e.getMessage(), e);
    }
    int largest = Math.max(Math.max(tokenizer.clsId(), tokenizer.sepId()),
        Math.max(tokenizer.unkId(), tokenizer.vocabSize() - 1));
    if (largest >= config.vocabSize()) {
      throw new EncoderFileException(source.tokenizer(), "has piece ids up to " + largest
          + " but " + source.onnx() + " embeds " + config.vocabSize()
          + " ids; expected the tokenizer.json that was exported with this model");
    }
  }

  /**
   * Prepares the encode stage for this run.
   *
   * @param encodes whether anything reads the sentence vectors; when not, only the vocabulary is
   *     written: no static pack is distilled, no encoder read, no word vectors made
   * @param languages the languages of the corpus's documents
   * @param vocabulary every corpus word once with its count (read more than once: cache it)
   * @param corpusTokens the sum of the vocabulary's counts
   * @param sentenceTokens the sentences' tokens, read only to train Word2Vec
   * @param outputRoot the output root, under which the default encoder cache lives
   * @param workDir this run's scratch folder
   * @param vectorsDir where trained word vectors are kept for {@code vectors.reuse}
   */
  public static Prepared prepare(
      SparkSession spark,
      EncoderSettings settings,
      VectorSettings vectorSettings,
      boolean encodes,
      Set<Language> languages,
      JavaPairRDD<String, Long> vocabulary,
      long corpusTokens,
      JavaRDD<String[]> sentenceTokens,
      String outputRoot,
      String workDir,
      String vectorsDir) {
    long start = System.nanoTime();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    try {
      // Bounded by the vocabulary, not the corpus: the lexical weights need every word's count.
      Map<String, Long> counts = vocabulary.collectAsMap();
      String[] words = counts.keySet().stream().sorted().toArray(String[]::new);
      long[] wordCounts = new long[words.length];
      for (int i = 0; i < words.length; i++) {
        wordCounts[i] = counts.get(words[i]);
      }
      Path vocabularyFile = new Path(workDir, "vocabulary.bin");
      FileSystem fs = vocabularyFile.getFileSystem(conf);
      VectorStage.writeAtomically(fs, vocabularyFile, new CorpusVocabulary(words, wordCounts)::write);
      String vocabularyUri = fs.makeQualified(vocabularyFile).toString();

      Map<Language, EncoderSource> sources = new EnumMap<>(Language.class);
      Map<Language, String> packs = new EnumMap<>(Language.class);
      List<EncoderReport.Encoder> encoders = new ArrayList<>();
      String wordPack = null;
      Object vectors = null;
      if (!encodes) {
        LOG.info("Nothing reads the sentence vectors (rank.embedding-weight = 0, no token"
            + " weights): the ranking is lexical and no encoder is prepared or run"
            + " (encoder.mode = {} unused)", ConfigReader.configName(settings.mode()));
        // A file the user named and that is never read deserves more than an info line.
        if (settings.path() != null) {
          LOG.warn("encoder.path = {} is not used: rank.embedding-weight is 0", settings.path());
        }
        if (settings.mode() == EncoderMode.WORD_VECTORS && vectorSettings.path() != null) {
          LOG.warn("vectors.path = {} is not used: rank.embedding-weight is 0",
              vectorSettings.path());
        }
      } else if (settings.mode() == EncoderMode.WORD_VECTORS) {
        PreparedVectors prepared = VectorStage.prepare(spark, vocabulary, counts, corpusTokens,
            sentenceTokens, vectorSettings, vectorsDir, new Path(workDir, "vectors.pack").toString());
        wordPack = prepared.packUri();
        vectors = prepared;
      } else {
        for (Language language : languages) {
          EncoderSource unhashed = source(settings, language);
          // Contextual mode: the executors load the model; the driver needs only its width for
          // the manifest, read from the bytes it hashes.
          Hashed hashed = hash(unhashed, conf, settings.mode() == EncoderMode.CONTEXTUAL);
          String hash = hashed.sha256();
          EncoderSource source = unhashed.withSha256(hash);
          sources.put(language, source);
          if (settings.mode() == EncoderMode.STATIC) {
            String cache = settings.cachePath() != null
                ? settings.cachePath() : new Path(outputRoot, "_encoders").toString();
            long t = System.nanoTime();
            Path pack = new Path(cache, "static-" + hash.substring(0, 16) + "-"
                + staticKey(settings) + ".pack");
            FileSystem packFs = pack.getFileSystem(conf);
            boolean built = !packFs.exists(pack);
            if (built) {
              VectorPack distilled = StaticDistiller.distil(EncoderCache.encoder(source),
                  EncoderCache.tokenizer(source), settings.staticDimensions(), settings.staticSifA());
              VectorStage.writeAtomically(packFs, pack, distilled::write);
              LOG.info("Static pack of {} written to {}", source.name(), pack);
            } else {
              LOG.info("Static pack of {} found in the encoder cache: {}", source.name(), pack);
            }
            String uri = packFs.makeQualified(pack).toString();
            packs.put(language, uri);
            // Read back once, as every executor will.
            int dims = VectorPackCache.get(uri).dim();
            encoders.add(new EncoderReport.Encoder(language.code(), source.name(), hash, dims,
                configName(source.pooling()), uri, built, seconds(t)));
          } else {
            encoders.add(new EncoderReport.Encoder(language.code(), source.name(), hash,
                hashed.hiddenWidth(), configName(source.pooling()), null, false, 0));
          }
        }
      }
      PreparedEncoder prepared = new PreparedEncoder(
          settings.mode(), sources, packs, wordPack, vocabularyUri, settings.maxTokens(), encodes);
      EncoderReport report = new EncoderReport(ConfigReader.configName(settings.mode()), encodes,
          encoders, words.length, vectors, seconds(start), 0, 0);
      return new Prepared(prepared, report);
    } catch (IOException e) {
      throw new UncheckedIOException("encode stage: " + e.getMessage(), e);
    }
  }

  /** The encoder of {@code language}'s documents under these settings. */
  static EncoderSource source(EncoderSettings settings, Language language) {
    if (settings.path() != null) {
      return EncoderSource.folder(settings.path(), settings.pooling());
    }
    if (settings.model() != null) {
      return EncoderSource.of(BuiltInEncoder.byId(settings.model()));
    }
    return EncoderSource.of(language == Language.ZH
        ? BuiltInEncoder.BGE_SMALL_ZH_V1_5 : BuiltInEncoder.ALL_MINILM_L6_V2);
  }

  /** What else besides the model a static pack depends on, in its file name. */
  private static String staticKey(EncoderSettings s) {
    return String.format(Locale.ROOT, "d%d-sif%s", s.staticDimensions(),
        Double.toString(s.staticSifA()));
  }

  /**
   * The encoder files' SHA-256 (hex, over the ONNX file and then tokenizer.json) and, when asked,
   * the model's hidden width ({@link OnnxBertModel#hiddenWidth}), read from the same bytes so
   * that each file is read once; the width is −1 when not asked.
   */
  record Hashed(String sha256, int hiddenWidth) {}

  static Hashed hash(EncoderSource source, Configuration conf, boolean hiddenWidth) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
    int width = -1;
    byte[] buffer = new byte[1 << 16];
    for (String file : new String[] {source.onnx(), source.tokenizer()}) {
      try (InputStream in = new DigestInputStream(source.open(file, conf), digest)) {
        if (hiddenWidth && file.equals(source.onnx())) {
          width = OnnxBertModel.hiddenWidth(in, file); // reads the stream to its end
        }
        while (in.read(buffer) >= 0) {
          // the digest sees every byte
        }
      } catch (IOException e) {
        throw new EncoderFileException(file, "cannot be read: " + e.getMessage(), e);
      }
    }
    return new Hashed(HexFormat.of().formatHex(digest.digest()), width);
  }

  private static String configName(Pooling p) {
    return p.name().toLowerCase(Locale.ROOT);
  }

  private static double seconds(long since) {
    return Math.round((System.nanoTime() - since) / 1e6) / 1000.0;
  }
}
