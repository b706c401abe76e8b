package io.attnsum.job;

import io.attnsum.read.RejectedRecord;
import io.attnsum.text.AnalyzedDocument;
import io.attnsum.text.Language;
import java.io.Serializable;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the text stage counted, for the manifest and the books: documents, sentences, tokens,
 * truncation, documents per language and rejections per reason. Counted per partition as it is
 * analysed, summed on the driver.
 */
final class TextTally implements Serializable {
  private static final long serialVersionUID = 1L;

  long documents;
  long sentences;
  long sourceSentences;
  long truncatedDocuments;
  long longSentences;
  long tokens;
  final EnumMap<Language, Long> languages = new EnumMap<>(Language.class);
  final TreeMap<String, Long> rejectedByReason = new TreeMap<>();

  void add(AnalyzedDocument d) {
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
  }

  void add(RejectedRecord r) {
    rejectedByReason.merge(r.reason().name(), 1L, Long::sum);
  }

  /** This tally plus {@code other}, in a new one. */
  TextTally plus(TextTally other) {
    TextTally t = new TextTally();
    for (TextTally s : new TextTally[] {this, other}) {
      t.documents += s.documents;
      t.sentences += s.sentences;
      t.sourceSentences += s.sourceSentences;
      t.truncatedDocuments += s.truncatedDocuments;
      t.longSentences += s.longSentences;
      t.tokens += s.tokens;
      s.languages.forEach((l, n) -> t.languages.merge(l, n, Long::sum));
      s.rejectedByReason.forEach((r, n) -> t.rejectedByReason.merge(r, n, Long::sum));
    }
    return t;
  }

  long rejected() {
    return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Whether any document is in {@code language}. */
  boolean has(Language language) {
    return languages.getOrDefault(language, 0L) > 0;
  }

  /** The manifest's {@code text} section. */
  Map<String, Object> toManifest() {
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
