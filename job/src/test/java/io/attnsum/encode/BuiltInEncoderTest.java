package io.attnsum.encode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BuiltInEncoderTest {

  @ParameterizedTest
  @EnumSource(BuiltInEncoder.class)
  void modelFilesAreOnTheClasspath(BuiltInEncoder encoder) throws IOException {
    try (InputStream onnx = encoder.open(encoder.onnxResource())) {
      byte[] head = onnx.readNBytes(64);
      assertThat(head).hasSize(64); // an ONNX protobuf starts with its ir_version field
      assertThat(head[0]).isEqualTo((byte) 0x08);
    }
    assertThat(encoder.tokenizer()).isSameAs(encoder.tokenizer());
    assertThat(BuiltInEncoder.byId(encoder.id().toUpperCase())).isSameAs(encoder);
  }

  @Test
  void eachModelHasItsLanguagePoolingAndCasing() {
    BuiltInEncoder en = BuiltInEncoder.byId("all-minilm-l6-v2");
    assertThat(en.language()).isEqualTo("en");
    assertThat(en.pooling()).isEqualTo(Pooling.MEAN);
    assertThat(en.licence()).isEqualTo("Apache-2.0");
    assertThat(en.tokenizer().lowercase()).isTrue();
    BuiltInEncoder zh = BuiltInEncoder.byId("bge-small-zh-v1.5");
    assertThat(zh.language()).isEqualTo("zh");
    assertThat(zh.pooling()).isEqualTo(Pooling.CLS);
    assertThat(zh.licence()).isEqualTo("MIT");
    assertThat(zh.tokenizer().lowercase()).isFalse();
    assertThat(zh.tokenizer().encode("我爱北京")).hasSize(6);
    assertThat(BuiltInEncoder.byId("bert-base-uncased")).isNull();
  }
}
