package io.attnsum.job;

import io.attnsum.text.AnalyzedDocument;
import io.attnsum.text.Language;
import java.io.Serializable;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Corpus counts from the text stage, merged across partitions for the manifest. */
final class TextStats implements Serializable {
  private static final long serialVersionUID = 1L;
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

  TextStats merge(TextStats o) {
    documents += o.documents;
    sentences += o.sentences;
    sourceSentences += o.sourceSentences;
    truncatedDocuments += o.truncatedDocuments;
    longSentences += o.longSentences;
    tokens += o.tokens;
    o.languages.forEach((k, v) -> languages.merge(k, v, Long::sum));
    return this;
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
