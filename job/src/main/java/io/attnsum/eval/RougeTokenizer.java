package io.attnsum.eval;

import java.util.List;

/** Turns a summary (or one of its sentences) into the tokens ROUGE counts. */
public interface RougeTokenizer {

  List<String> tokenize(String text);

  /** Short description for the report ("rouge-score English, Porter stemming"). */
  String describe();

  static RougeTokenizer forLanguage(String language, boolean stem) {
    return "zh".equals(language) ? new ChineseRougeTokenizer() : new EnglishRougeTokenizer(stem);
  }
}
