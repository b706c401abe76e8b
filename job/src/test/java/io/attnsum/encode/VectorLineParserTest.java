package io.attnsum.encode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VectorLineParserTest {
  /** A line's values through parseValues, in the notations vector files use; errors name the value. */
  @Test
  void parseValuesReadsEachValueAndReportsBadValues() {
    VectorLineParser parser = new VectorLineParser("f.vec", 4, "the header");
    byte[] line = "0.25 -1.5e3 1f 0.123456789".getBytes(StandardCharsets.US_ASCII);
    float[] out = new float[4];
    parser.parseValues(line, 0, line.length, out, 0, 3, 0);
    assertThat(out).containsExactly(0.25f, -1500f, 1f, Float.parseFloat("0.123456789"));
    byte[] bad = "0.25 x 1 2".getBytes(StandardCharsets.US_ASCII);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> parser.parseValues(bad, 0, bad.length, out, 0, 3, 0))
        .isInstanceOf(VectorFileException.class)
        .hasMessageContaining("value 2 is \"x\"");
  }
}
