package io.attnsum.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.attnsum.testing.TestSettings;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tricky cases of Chinese text, each with the sentences it must split into. */
class ChineseSegmentationTest {
  private final DocumentAnalyzer analyzer = new DocumentAnalyzer(TestSettings.text());

  static Stream<Arguments> cases() {
    return Stream.of(
        split(
            "full stop, exclamation and question marks",
            "今天天气很好。我们去公园吧！你去吗？",
            "今天天气很好。",
            "我们去公园吧！",
            "你去吗？"),
        split(
            "semicolons end list items",
            "判决如下：一、驳回原告的诉讼请求；二、案件受理费由原告负担。",
            "判决如下：一、驳回原告的诉讼请求；",
            "二、案件受理费由原告负担。"),
        split("ellipsis", "他说……我们走吧。", "他说……", "我们走吧。"),
        split("closing quote stays with its sentence", "他说：“我们走吧。”然后走了。", "他说：“我们走吧。”", "然后走了。"),
        split("closing corner brackets and parentheses", "『好的。』（完）「是吗？」", "『好的。』", "（完）「是吗？」"),
        split("quote after an ellipsis", "“房地产市场出现量价齐升的苗头……”他说。", "“房地产市场出现量价齐升的苗头……”", "他说。"),
        split("runs of terminators are one boundary", "真的吗？！太好了！！！", "真的吗？！", "太好了！！！"),
        split(
            "ASCII ! ? ; between Chinese characters",
            "怎么还?一是充实社保基金;二是作为全民医疗基金!",
            "怎么还?",
            "一是充实社保基金;",
            "二是作为全民医疗基金!"),
        split("ASCII period between Chinese characters", "我们走了.他们来了.", "我们走了.", "他们来了."),
        split(
            "decimals, percentages and URLs do not end sentences",
            "占比42.6%，访问www.baidu.com/?q=1即可。",
            "占比42.6%，访问www.baidu.com/?q=1即可。"),
        split(
            "straight double quotes open and close",
            "她有收入。\"\"一直找不到对象\"\"，但会担心。\"\"有个孩子。\"\"\"",
            "她有收入。",
            "\"\"一直找不到对象\"\"，但会担心。",
            "\"\"有个孩子。\"\"\""),
        split("line breaks end sentences", "标题\n正文第一句。正文第二句", "标题", "正文第一句。", "正文第二句"),
        split(
            "ideographic space between sentences",
            "上涨到50.1%。　“数字阅读付费的习惯难以培养。”",
            "上涨到50.1%。",
            "“数字阅读付费的习惯难以培养。”"),
        split(
            "English inside Chinese",
            "苹果公司发布了iPhone 15 Pro Max。It is expensive! 价格很高。",
            "苹果公司发布了iPhone 15 Pro Max。",
            "It is expensive!",
            "价格很高。"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void splitsIntoTheExpectedSentences(String name, String text, List<String> expected) {
    AnalyzedDocument doc = analyzer.analyze("t", text);
    assertThat(doc.language()).isEqualTo(Language.ZH);
    assertThat(doc.sentences()).extracting(Sentence::text).containsExactlyElementsOf(expected);
  }

  static Arguments split(String name, String text, String... sentences) {
    return Arguments.of(name, text, List.of(sentences));
  }
}
