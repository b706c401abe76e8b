package io.attnsum.encode;

import io.attnsum.text.Language;
import io.attnsum.text.WordFrequencies;
import java.io.Serializable;
import java.util.Map;

/**
 * What the encode stage prepared on the driver, for the tasks: which encoder each language gets
 * and where its files are. Small and serialisable; {@link #open} builds the task's encoder from
 * the per-JVM {@link EncoderCache}, so heavy things load once per executor.
 *
 * @param mode the encoder mode
 * @param sources per language, the pretrained encoder (static and contextual modes)
 * @param packUris per language, the static pack (static mode)
 * @param wordPackUri the word vector pack (word-vectors mode), else null
 * @param vocabularyUri the corpus vocabulary with its counts (the lexical weights)
 * @param maxTokens encoder positions per window (contextual mode)
 * @param encodes whether the tasks encode at all: false when nothing reads the sentence vectors,
 *     and then no encoder was prepared
 */
public record PreparedEncoder(
    EncoderMode mode,
    Map<Language, EncoderSource> sources,
    Map<Language, String> packUris,
    String wordPackUri,
    String vocabularyUri,
    int maxTokens,
    boolean encodes)
    implements Serializable {

  /** The encoder of {@code language}'s documents, for one task thread. */
  public SentenceEncoder open(Language language) {
    if (!encodes) {
      throw new IllegalStateException("no encoder was prepared: nothing reads the sentence vectors");
    }
    return switch (mode) {
      case WORD_VECTORS -> new WordVectorEncoder(EncoderCache.pack(wordPackUri));
      case STATIC -> new StaticPieceEncoder(
          EncoderCache.tokenizer(source(language)), EncoderCache.pack(packUris.get(language)));
      case CONTEXTUAL -> {
        EncoderSource s = source(language);
        WordPieceTokenizer t = EncoderCache.tokenizer(s);
        yield new ContextualEncoder(EncoderCache.encoder(s), t, EncoderCache.frequencies(s), s.pooling(),
            maxTokens);
      }
    };
  }

  /** The corpus frequencies of the text stage's words. */
  public WordFrequencies words() {
    return EncoderCache.vocabulary(vocabularyUri);
  }

  private EncoderSource source(Language language) {
    EncoderSource s = sources.get(language);
    if (s == null) {
      throw new IllegalStateException("no encoder was prepared for " + language.code()
          + " documents");
    }
    return s;
  }
}
