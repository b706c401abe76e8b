package io.attnsum.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.attnsum.config.ConfigException;
import io.attnsum.config.ConfigReader;
import org.junit.jupiter.api.Test;

class VectorSettingsTest {
  private static VectorSettings parse(String overrides) {
    return VectorSettings.from(
        new ConfigReader(
            ConfigFactory.parseString(overrides)
                .withFallback(ConfigFactory.parseResources("reference.conf"))
                .resolve()));
  }

  @Test
  void readsEveryKey() {
    VectorSettings s =
        parse(
            "vectors { path = \"s3a://b/glove.txt.gz\", format = glove, reuse = true, train {"
                + " algorithm = cbow, negative = 0, dimensions = 50, window = 3, min-count = 1,"
                + " epochs = 2, seed = 7, workers = 2, sample-sentences = 10 } }");
    assertThat(s.path()).isEqualTo("s3a://b/glove.txt.gz");
    assertThat(s.format()).isEqualTo(VectorFormat.GLOVE);
    assertThat(s.reuse()).isTrue();
    assertThat(s.train().fingerprint())
        .isEqualTo("cbow-d50-w3-min1-e2-lr0.025-neg0-sub0.0-seed7-workers2-sample10");
  }

  @Test
  void rejectsAnUnknownFormatNamingTheKey() {
    assertThatThrownBy(() -> parse("vectors.format = word2vec"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("vectors.format")
        .hasMessageContaining("auto | word2vec-text | word2vec-binary | glove | fasttext-vec");
  }

  @Test
  void rejectsCbowWithNegativeSampling() {
    assertThatThrownBy(() -> parse("vectors.train { algorithm = cbow, negative = 5 }"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("vectors.train.negative")
        .hasMessageContaining("set negative = 0");
  }
}
