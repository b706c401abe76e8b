package io.attnsum.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The text stage for one document: detects its language, splits it into sentences and turns each
 * sentence into normalised lookup tokens.
 *
 * <p>Sentences keep the source text untouched: {@code sentence.text()} equals {@code
 * text.substring(sentence.start(), sentence.end())}, trimmed of surrounding whitespace, and only
 * whitespace lies between consecutive sentences. Tokens are NFKC case-folded words without
 * punctuation, optionally without stop words and stemmed ({@link TokenNormalizer}); a sentence may
 * have no tokens.
 *
 * <p>Not thread-safe: make one per Spark partition (or per thread). Construction is cheap; the
 * heavy immutable parts (ICU's break rules and abbreviation list, SmartCN's dictionaries, stop
 * lists) are loaded once per JVM, on first use.
 */
public final class DocumentAnalyzer {
  private final TextSettings settings;
  private final SentenceSplitter splitter = new SentenceSplitter();
  private final EnglishWordTokenizer english = new EnglishWordTokenizer();
  private final TokenNormalizer normalizer;
  private ChineseWordTokenizer chinese;
  private final List<String> words = new ArrayList<>();

  public DocumentAnalyzer(TextSettings settings) {
    this.settings = settings;
    this.normalizer = new TokenNormalizer(settings.stopwords(), settings.stemming());
  }

  public AnalyzedDocument analyze(String id, String text) {
    String source = text == null ? "" : text;
    Language language = detect(source);
    List<Span> spans = splitter.split(source, language);
    int kept = Math.min(spans.size(), settings.maxSentences());
    List<Sentence> sentences = new ArrayList<>(kept);
    int longSentences = 0;
    for (int i = 0; i < kept; i++) {
      Span span = spans.get(i);
      String sentence = source.substring(span.start(), span.end());
      String[] tokens = tokenize(sentence, language);
      if (tokens.length > settings.maxSentenceTokens()) {
        longSentences++;
      }
      sentences.add(new Sentence(i, sentence, span.start(), span.end(), tokens));
    }
    return new AnalyzedDocument(
        id, language, source, Collections.unmodifiableList(sentences), spans.size(), longSentences);
  }

  /** The language {@code text} is analysed as: the configured one, or detected by script. */
  public Language detect(String text) {
    switch (settings.language()) {
      case EN:
        return Language.EN;
      case ZH:
        return Language.ZH;
      default:
        return LanguageDetector.detect(text);
    }
  }

  /** Lookup tokens of arbitrary text (a sentence, a query, a reference summary). */
  public String[] tokenize(String text) {
    return tokenize(text, detect(text));
  }

  /** Lookup tokens of arbitrary text in a given language. */
  public String[] tokenize(String text, Language language) {
    words.clear();
    tokenizerFor(language).tokenize(text, words);
    List<String> tokens = new ArrayList<>(words.size());
    for (String word : words) {
      normalizer.normalize(word, tokens);
    }
    return tokens.toArray(new String[0]);
  }

  private WordTokenizer tokenizerFor(Language language) {
    if (language != Language.ZH) {
      return english;
    }
    if (chinese == null) {
      chinese =
          new ChineseWordTokenizer(
              settings.chineseTokens() == TextSettings.ChineseTokens.CHARS, english);
    }
    return chinese;
  }
}
