package io.attnsum.encode;

import io.attnsum.text.CorpusVocabulary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-JVM holder of everything the encode stage loads: tokenizers, encoder weights, static
 * packs and the corpus vocabulary. The first task of an executor that needs one loads it, every
 * later task of that JVM shares it (the DL4J examples' load-once-per-executor pattern; nothing is
 * broadcast). {@link ConcurrentHashMap#computeIfAbsent} makes concurrent first callers wait for
 * the one load.
 */
public final class EncoderCache {
  private static final Logger LOG = LoggerFactory.getLogger(EncoderCache.class);
  private static final ConcurrentHashMap<String, WordPieceTokenizer> TOKENIZERS =
      new ConcurrentHashMap<>();
  private static final ConcurrentHashMap<String, BertEncoder> ENCODERS = new ConcurrentHashMap<>();
  private static final ConcurrentHashMap<String, CorpusVocabulary> VOCABULARIES =
      new ConcurrentHashMap<>();
  private static final ConcurrentHashMap<String, PieceFrequencies> FREQUENCIES =
      new ConcurrentHashMap<>();

  private EncoderCache() {}

  public static WordPieceTokenizer tokenizer(EncoderSource source) {
    return TOKENIZERS.computeIfAbsent(source.tokenizer(), f -> {
      long start = System.nanoTime();
      try (InputStream in = source.open(f, VectorPackCache.hadoopConfiguration())) {
        WordPieceTokenizer t = WordPieceTokenizer.read(in, f);
        LOG.info("Loaded tokenizer {}: {} pieces in {} ms", f, t.vocabSize(),
            (System.nanoTime() - start) / 1_000_000);
        return t;
      } catch (IOException e) {
        throw new EncoderFileException(f, "cannot be read: " + e.getMessage(), e);
      }
    });
  }

  /** The Zipf-estimated frequencies of the source's pieces ({@link PieceFrequencies}). */
  public static PieceFrequencies frequencies(EncoderSource source) {
    return FREQUENCIES.computeIfAbsent(
        source.tokenizer(), f -> new PieceFrequencies(tokenizer(source)));
  }

  public static BertEncoder encoder(EncoderSource source) {
    return ENCODERS.computeIfAbsent(source.onnx(), f -> {
      try (InputStream in = source.open(f, VectorPackCache.hadoopConfiguration())) {
        return BertEncoder.load(in, f);
      } catch (IOException e) {
        throw new EncoderFileException(f, "cannot be read: " + e.getMessage(), e);
      }
    });
  }

  /** Whether this JVM holds the encoder of {@code source} already. */
  public static boolean hasEncoder(EncoderSource source) {
    return ENCODERS.containsKey(source.onnx());
  }

  public static VectorPack pack(String uri) {
    return VectorPackCache.get(uri);
  }

  public static CorpusVocabulary vocabulary(String uri) {
    return VOCABULARIES.computeIfAbsent(uri, u -> load(u, VectorPackCache.hadoopConfiguration()));
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
