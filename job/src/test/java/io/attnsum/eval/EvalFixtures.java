package io.attnsum.eval;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The evaluation tests' fixture files under {@code src/test/resources/eval/} (see its README). */
final class EvalFixtures {
  static final String ROUGE = "rouge_fixtures.jsonl";
  static final String CNNDM = "cnndm.dev.first20.jsonl";
  static final String SCITLDR = "scitldr.dev.first15.jsonl";
  static final String BBC = "bbc.dev.first12.jsonl";

  private EvalFixtures() {}

  static Path path(String name) {
    URL url = EvalFixtures.class.getResource("/eval/" + name);
    if (url == null) {
      throw new IllegalStateException("missing test resource eval/" + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
