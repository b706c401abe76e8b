package io.attnsum.job;

import io.attnsum.text.AnalyzedDocument;
import io.attnsum.text.Language;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import scala.Tuple2;

/**
 * Corpus counts from the text stage for the manifest: counted per partition, shipped as keyed
 * counts ({@link CorpusCounts}) and rebuilt on the driver from their sums.
 */
final class TextStats {
  private static final String DOCUMENTS = "documents";
  private static final String SENTENCES = "sentences";
  private static final String SOURCE_SENTENCES = "source_sentences";
  private static final String TRUNCATED = "truncated_documents";
  private static final String LONG_SENTENCES = "long_sentences";
  private static final String TOKENS = "tokens";
  private static final String LANGUAGE = "language:";

  long documents;
  long sentences;
  long sourceSentences;
  long truncatedDocuments;
  long longSentences;
  long tokens;
  final EnumMap<Language, Long> languages = new EnumMap<>(Language.class);

  TextStats add(AnalyzedDocument d) {
    documents++;
    sentences += d.sentences().size();
    sourceSentences += d.sourceSentenceCount();
    if (d.truncated()) {
      truncatedDocuments++;
    }
    longSentences += d.longSentenceCount();
    for (var s : d.sentences()) {
      tokens += s.tokens().length;
    }
    languages.merge(d.language(), 1L, Long::sum);
    return this;
  }

  /** This partition's counts as (name, count) pairs; names get {@code prefix}. */
  void emit(String prefix, List<Tuple2<String, Long>> out) {
    out.add(new Tuple2<>(prefix + DOCUMENTS, documents));
    out.add(new Tuple2<>(prefix + SENTENCES, sentences));
    out.add(new Tuple2<>(prefix + SOURCE_SENTENCES, sourceSentences));
    out.add(new Tuple2<>(prefix + TRUNCATED, truncatedDocuments));
    out.add(new Tuple2<>(prefix + LONG_SENTENCES, longSentences));
    out.add(new Tuple2<>(prefix + TOKENS, tokens));
    languages.forEach((l, n) -> out.add(new Tuple2<>(prefix + LANGUAGE + l.name(), n)));
  }

  /** The corpus totals from the summed pairs {@link #emit} wrote, prefix removed. */
  static TextStats of(Map<String, Long> sums) {
    TextStats s = new TextStats();
    s.documents = sums.getOrDefault(DOCUMENTS, 0L);
    s.sentences = sums.getOrDefault(SENTENCES, 0L);
    s.sourceSentences = sums.getOrDefault(SOURCE_SENTENCES, 0L);
    s.truncatedDocuments = sums.getOrDefault(TRUNCATED, 0L);
    s.longSentences = sums.getOrDefault(LONG_SENTENCES, 0L);
    s.tokens = sums.getOrDefault(TOKENS, 0L);
    for (Language l : Language.values()) {
      Long n = sums.get(LANGUAGE + l.name());
      if (n != null) {
        s.languages.put(l, n);
      }
    }
    return s;
  }

  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("documents", documents);
    m.put("sentences", sentences);
    m.put("sentences_before_truncation", sourceSentences);
    m.put("truncated_documents", truncatedDocuments);
    m.put("long_sentences", longSentences);
    m.put("tokens", tokens);
    Map<String, Long> langs = new LinkedHashMap<>();
    for (Language l : Language.values()) {
      langs.put(l.code(), languages.getOrDefault(l, 0L));
    }
    m.put("documents_by_language", langs);
    return m;
  }
}
