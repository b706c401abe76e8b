package io.attnsum.encode;

import io.attnsum.text.CorpusVocabulary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-JVM holder of everything the encode stage loads: tokenizers, encoder weights, static
 * packs and the corpus vocabulary. The first task of an executor that needs one loads it, every
 * later task of that JVM shares it ({@link JvmCache}).
 */
public final class EncoderCache {
  private static final Logger LOG = LoggerFactory.getLogger(EncoderCache.class);
  // A run needs at most one of each per language (English and Chinese).
  private static final JvmCache<Key, WordPieceTokenizer> TOKENIZERS = new JvmCache<>(4);
  private static final JvmCache<Key, BertEncoder> ENCODERS = new JvmCache<>(2);
  private static final JvmCache<Key, PieceFrequencies> FREQUENCIES = new JvmCache<>(4);
  private static final JvmCache<String, CorpusVocabulary> VOCABULARIES = new JvmCache<>(2);

  /**
   * A file as the driver hashed it. A path alone would let a JVM that outlives one run (a
   * notebook's executors, the Spark ML stage) keep serving a model the user has since replaced
   * at the same path, and the driver distil a new model's static pack from the old weights.
   */
  private record Key(String file, String sha256) {}

  private EncoderCache() {}

  public static WordPieceTokenizer tokenizer(EncoderSource source) {
    return TOKENIZERS.get(new Key(source.tokenizer(), source.sha256()), key -> {
      long start = System.nanoTime();
      try (InputStream in = source.open(key.file(), VectorPackCache.hadoopConfiguration())) {
        WordPieceTokenizer t = WordPieceTokenizer.read(in, key.file());
        LOG.info("Loaded tokenizer {}: {} pieces in {} ms", key.file(), t.vocabSize(),
            (System.nanoTime() - start) / 1_000_000);
        return t;
      } catch (IOException e) {
        throw new EncoderFileException(key.file(), "cannot be read: " + e.getMessage(), e);
      }
    });
  }

  /** The Zipf-estimated frequencies of the source's pieces ({@link PieceFrequencies}). */
  public static PieceFrequencies frequencies(EncoderSource source) {
    return FREQUENCIES.get(new Key(source.tokenizer(), source.sha256()),
        key -> new PieceFrequencies(tokenizer(source)));
  }

  public static BertEncoder encoder(EncoderSource source) {
    return ENCODERS.get(new Key(source.onnx(), source.sha256()), key -> {
      try (InputStream in = source.open(key.file(), VectorPackCache.hadoopConfiguration())) {
        return BertEncoder.load(in, key.file());
      } catch (IOException e) {
        throw new EncoderFileException(key.file(), "cannot be read: " + e.getMessage(), e);
      }
    });
  }

  public static VectorPack pack(String uri) {
    return VectorPackCache.get(uri);
  }

  public static CorpusVocabulary vocabulary(String uri) {
    return VOCABULARIES.get(uri, u -> load(u, VectorPackCache.hadoopConfiguration()));
  }

  static CorpusVocabulary load(String uri, Configuration conf) {
    long start = System.nanoTime();
    Path path = new Path(uri);
    try (InputStream in = new java.io.BufferedInputStream(path.getFileSystem(conf).open(path), 1 << 16)) {
      CorpusVocabulary v = CorpusVocabulary.read(in);
      LOG.info("Loaded corpus vocabulary {}: {} words in {} ms", uri, v.size(),
          (System.nanoTime() - start) / 1_000_000);
      return v;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load corpus vocabulary " + uri, e);
    }
  }
}
