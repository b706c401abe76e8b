package io.attnsum.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.attnsum.config.ConfigReader;
import io.attnsum.testing.TestSettings;
import io.attnsum.text.TextSettings.ChineseTokens;
import org.junit.jupiter.api.Test;

class TokenizationTest {
  private final DocumentAnalyzer analyzer = new DocumentAnalyzer(TestSettings.text());

  private static DocumentAnalyzer with(boolean stopwords, boolean stemming, ChineseTokens zh) {
    return new DocumentAnalyzer(
        TestSettings.text(
            "text.stopwords=" + stopwords,
            "text.stemming=" + stemming,
            "text.zh.tokens=" + ConfigReader.configName(zh)));
  }

  @Test
  void englishTokensAreCaseFoldedWordsWithoutPunctuation() {
    assertThat(analyzer.tokenize("Hello, World!!! -- (OK?) ... “quoted”", Language.EN))
        .containsExactly("hello", "world", "ok", "quoted");
  }

  @Test
  void abbreviationsNumbersAndContractionsStayWhole() {
    assertThat(analyzer.tokenize("The U.S. paid $1.5bn, 3.5% more; don't", Language.EN))
        .containsExactly("the", "u.s", "paid", "1.5bn", "3.5", "more", "don't");
  }

  @Test
  void unicodeIsNormalisedNfkcCaseFolded() {
    assertThat(analyzer.tokenize("ＦＵＬＬ　ｗｉｄｔｈ Straße ﬁle ÉCOLE", Language.EN))
        .containsExactly("full", "width", "strasse", "file", "école");
    // A compatibility character that expands into several words.
    assertThat(analyzer.tokenize("ﷺ", Language.EN)).containsExactly("صلى", "الله", "عليه", "وسلم");
  }

  @Test
  void possessivesAndCurlyApostrophes() {
    assertThat(analyzer.tokenize("Obama's plan, the president’s dog, don’t", Language.EN))
        .containsExactly("obama", "plan", "the", "president", "dog", "don't");
    // The tokenized form gives the same words.
    assertThat(analyzer.tokenize("obama 's plan", Language.EN)).containsExactly("obama", "plan");
  }

  @Test
  void htmlCharacterReferencesAreDropped() {
    assertThat(analyzer.tokenize("a &amp; b &#39;c&#39; br /&gt;", Language.EN))
        .containsExactly("a", "b", "c", "br");
  }

  @Test
  void stopWordsAndStemmingAreOffByDefault() {
    assertThat(analyzer.tokenize("The cats are running", Language.EN))
        .containsExactly("the", "cats", "are", "running");
  }

  @Test
  void stopWordsCanBeDropped() {
    DocumentAnalyzer a = with(true, false, ChineseTokens.WORDS);
    assertThat(a.tokenize("The cat is on the mat, isn't it?", Language.EN))
        .containsExactly("cat", "mat");
    assertThat(a.tokenize("我们的目标是伟大的。", Language.ZH)).containsExactly("目标", "伟大");
  }

  @Test
  void latinWordsCanBeStemmed() {
    DocumentAnalyzer a = with(false, true, ChineseTokens.WORDS);
    assertThat(a.tokenize("Running studies of connected networks", Language.EN))
        .containsExactly("run", "studi", "of", "connect", "network");
    assertThat(a.tokenize("发布了HTML5 networks", Language.ZH)).contains("html5", "network");
  }

  @Test
  void chineseTokensAreWordsFromTheSegmenter() {
    String[] tokens = analyzer.tokenize("中华人民共和国成立了。我们的目标越伟大！", Language.ZH);
    assertThat(tokens).contains("中华人民共和国", "成立", "我们", "目标", "伟大");
    assertThat(tokens).doesNotContain("。", "！");
    assertThat(tokens.length).isLessThan("中华人民共和国成立了我们的目标越伟大".length());
  }

  @Test
  void latinWordsAndNumbersInChineseAreTokenizedAsInEnglish() {
    assertThat(analyzer.tokenize("天猫成交占比42.6%，HTML5平台www.baidu.com", Language.ZH))
        .contains("42.6", "html5", "www.baidu.com")
        .doesNotContain("42", "6");
  }

  @Test
  void chineseCharactersModeGivesOneTokenPerHanCharacter() {
    DocumentAnalyzer a = with(false, false, ChineseTokens.CHARS);
    assertThat(a.tokenize("中华人民 HTML5 42.6元", Language.ZH))
        .containsExactly("中", "华", "人", "民", "html5", "42.6", "元");
    // Characters outside the Basic Multilingual Plane stay whole.
    assertThat(a.tokenize("𠀀𠀁", Language.ZH)).containsExactly("𠀀", "𠀁");
  }

  @Test
  void tokenizeDetectsTheLanguageOfArbitraryText() {
    assertThat(analyzer.tokenize("Hello world")).containsExactly("hello", "world");
    assertThat(analyzer.tokenize("中华人民共和国")).containsExactly("中华人民共和国");
  }
}
