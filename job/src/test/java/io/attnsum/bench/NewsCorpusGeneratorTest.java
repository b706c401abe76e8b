package io.attnsum.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewsCorpusGeneratorTest {
  private final NewsCorpusGenerator generator = new NewsCorpusGenerator(7);

  @Test
  void documentsAreDeterministicAndIndependentOfCorpusSize(@TempDir Path dir) throws IOException {
    Path small = dir.resolve("small.jsonl");
    Path large = dir.resolve("large.jsonl");
    generator.writeCorpus(small, 5);
    new NewsCorpusGenerator(7).writeCorpus(large, 12);
    List<String> a = Files.readAllLines(small, StandardCharsets.UTF_8);
    List<String> b = Files.readAllLines(large, StandardCharsets.UTF_8);
    assertThat(a).hasSize(5).isEqualTo(b.subList(0, 5));
    assertThat(a.get(0)).startsWith("{").contains("\"id\":\"news-0000000\"");
    assertThat(new NewsCorpusGenerator(8).document(0)).isNotEqualTo(generator.document(0));
  }

  @Test
  void documentsHaveTenToFortySentences() {
    for (int i = 0; i < 200; i++) {
      String text = generator.document(i);
      // Every sentence ends in '.' or '?' (a quote adds one more "X said." sentence).
      long ends = text.chars().filter(c -> c == '.' || c == '?').count()
          - text.chars().filter(c -> c == '"').count() / 2
          - countDecimals(text);
      assertThat(ends).as("document %d", i).isBetween(10L, 40L);
    }
  }

  @Test
  void wordFrequenciesFollowZipf() {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 300; i++) {
      for (String w : generator.document(i).toLowerCase().split("[^a-z0-9]+")) {
        counts.merge(w, 1, Integer::sum);
      }
    }
    // With s = 1, rank 1 ("the") is about twice rank 2 ("of") and ten times rank 10 ("on").
    double the = counts.get("the");
    assertThat(the / counts.get("of")).isBetween(1.7, 2.3);
    assertThat(the / counts.get("on")).isBetween(8.0, 12.0);
  }

  @Test
  void vectorsCoverEveryDistinctWordOnce(@TempDir Path dir) throws IOException {
    Path corpus = dir.resolve("c.jsonl");
    Files.writeString(corpus, "{\"id\":\"1\",\"text\":\"The cat, the Dog.\"}\n"
        + "{\"id\":\"2\",\"text\":\"A dog 42 times.\"}\n");
    Path vec = dir.resolve("v.vec");
    assertThat(NewsCorpusGenerator.writeVectors(corpus, vec, 4, 10)).isEqualTo(6);
    List<String> lines = Files.readAllLines(vec);
    assertThat(lines.get(0)).isEqualTo("6 4");
    assertThat(lines.subList(1, 7)).extracting(l -> l.split(" ")[0])
        .containsExactly("the", "cat", "dog", "a", "42", "times");
    assertThat(lines.get(1).split(" ")).hasSize(5);
  }

  @Test
  void fixedPointFormattingMatchesStringFormat() {
    for (double x : new double[] {0, 0.00004, -0.00005, 0.1234, -1.5, 12.03449, -0.0007, 3.99996}) {
      StringBuilder s = new StringBuilder();
      NewsCorpusGenerator.appendFixed4(s, x);
      assertThat(Double.parseDouble(s.toString())).as("%s", x)
          .isEqualTo(Math.round(x * 10_000) / 10_000.0);
    }
    StringBuilder s = new StringBuilder();
    NewsCorpusGenerator.appendFixed4(s, -0.0123);
    assertThat(s).hasToString("-0.0123");
  }

  private static long countDecimals(String text) {
    return java.util.regex.Pattern.compile("[0-9]\\.[0-9]").matcher(text).results().count();
  }
}
