package io.attnsum.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VectorLineParserTest {
  private static float fast(String s) {
    byte[] b = ("xx" + s + "yy").getBytes(StandardCharsets.ISO_8859_1);
    return VectorLineParser.parseShortDecimal(b, 2, 2 + s.length());
  }

  /** The fast path gives Float.parseFloat's bits, or declines (NaN) and leaves it the decision. */
  private static void assertAgrees(String s) {
    float v = fast(s);
    if (!Float.isNaN(v)) {
      assertThat(Float.floatToRawIntBits(v))
          .as("\"%s\"", s)
          .isEqualTo(Float.floatToRawIntBits(Float.parseFloat(s)));
    }
  }

  @Test
  void fastPathIsFloatParseFloatBitForBitOnRandomDecimals() {
    Random random = new Random(17);
    int taken = 0;
    int tried = 0;
    for (int n = 0; n < 200_000; n++) {
      double x = random.nextGaussian() * Math.pow(10, random.nextInt(9) - 4);
      int decimals = random.nextInt(10);
      String s =
          switch (n % 5) {
            case 0 -> String.format(Locale.ROOT, "%." + decimals + "f", x);
            case 1 -> String.format(Locale.ROOT, "%." + decimals + "e", x);
            case 2 -> Float.toString((float) x);
            case 3 -> Long.toString(random.nextLong() % 40_000_000L) + "." + random.nextInt(1000);
            default -> String.format(Locale.ROOT, "%+.4fE%d", x, random.nextInt(25) - 12);
          };
      assertAgrees(s);
      tried++;
      if (!Float.isNaN(fast(s))) {
        taken++;
      }
    }
    // Most realistic values take the fast path (else it would be pointless), not all.
    assertThat(taken).isBetween(tried / 2, tried - 1);
  }

  /**
   * Halfway cases: 2^24 + 1 is the first integer a float cannot hold; decimals next to it must
   * round as parseFloat does (the fast path declines them), and those just below are exact.
   */
  @Test
  void edgesAgreeWithFloatParseFloat() {
    String[] cases = {
      "0", "-0", "+0", "0.0", "-0.0", "1", "-1", "1.", ".5", "-.5", "1e0", "1E+3", "1e-10", "1e10",
      "3.4e38", "1.4e-45", "16777216", "16777217", "16777218", "1677721.7", "0.16777217",
      "0.1", "0.2", "0.3", "-0.0958", "0.3050", "123456.7", "9999999e3", "0.00000000001",
      "00000000000000000000001", "0.1234567", "0.12345678", "0.123456789",
    };
    for (String s : cases) {
      assertAgrees(s);
    }
    assertThat(fast("-0")).isEqualTo(-0f);
    assertThat(Float.floatToRawIntBits(fast("-0.0"))).isEqualTo(Float.floatToRawIntBits(-0f));
    assertThat(fast("-0.0958")).isEqualTo(-0.0958f);
    assertThat(fast("16777216")).isEqualTo(16777216f);
  }

  /** What the fast path does not take is left to Float.parseFloat, errors included. */
  @Test
  void declinesWhatItDoesNotKnow() {
    String[] declined = {
      "", "-", ".", "e5", "1e", "1e+", "1.2.3", "NaN", "Infinity", "-Infinity", "0x1p3", "1f",
      "2d", "16777217", "0.123456789", "1e11", "1e-11", "1,5", "1 ",
    };
    for (String s : declined) {
      assertThat(fast(s)).as("\"%s\"", s).isNaN();
    }
  }

  /** A line's values through parseValues: fast and fallback paths mixed, errors name the value. */
  @Test
  void parseValuesMixesBothPathsAndReportsBadValues() {
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
