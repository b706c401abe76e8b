package io.attnsum.vectors;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Parses one line of a text vectors file ({@code word v1 .. vD}) straight from its UTF-8 bytes.
 * Works on byte ranges so that the streaming reader and the Spark reader (Hadoop {@code Text}
 * bytes) share it, and so that a line whose word is not wanted costs only a scan for separators:
 * its values are counted (the file is still validated) but never parsed as floats.
 *
 * <p>Separators are ASCII space and tab; UTF-8 never uses those bytes inside a multi-byte
 * character, so splitting bytes is safe. A trailing space (fastText {@code .vec}) and a trailing
 * CR (files written on Windows) are ignored. Not thread-safe (one decoder per instance).
 */
final class VectorLineParser {
  private final String file;
  private final int dim;
  private final String dimSource;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);

  /**
   * @param file the file's name, for messages
   * @param dim values expected after the word
   * @param dimSource where {@code dim} came from ("the header", "the first line"), for messages
   */
  VectorLineParser(String file, int dim, String dimSource) {
    this.file = file;
    this.dim = dim;
    this.dimSource = dimSource;
  }

  int dim() {
    return dim;
  }

  static boolean isSeparator(byte c) {
    return c == ' ' || c == '\t';
  }

  /** End of the line's content: drops trailing separators, CR and LF. */
  static int contentEnd(byte[] b, int off, int end) {
    while (end > off && (isSeparator(b[end - 1]) || b[end - 1] == '\r' || b[end - 1] == '\n')) {
      end--;
    }
    return end;
  }

  /** Index of the first separator in {@code [off, end)}, or {@code end}. */
  static int wordEnd(byte[] b, int off, int end) {
    int i = off;
    while (i < end && !isSeparator(b[i])) {
      i++;
    }
    return i;
  }

  /** Number of separator-delimited non-empty fields in {@code [from, end)}. */
  static int countFields(byte[] b, int from, int end) {
    int n = 0;
    boolean inField = false;
    for (int i = from; i < end; i++) {
      boolean sep = isSeparator(b[i]);
      if (!sep && !inField) {
        n++;
      }
      inField = !sep;
    }
    return n;
  }

  /** Decodes {@code [off, off+len)} as strict UTF-8. */
  String decode(byte[] b, int off, int len, long line, long offset) {
    try {
      CharBuffer cb = decoder.reset().decode(ByteBuffer.wrap(b, off, len));
      return cb.toString();
    } catch (CharacterCodingException e) {
      throw new VectorFileException(
          file,
          VectorFileException.at(line, offset),
          "the word is not valid UTF-8 (" + e.getMessage() + "); expected UTF-8 text",
          e);
    }
  }

  /**
   * Checks that {@code [wordEnd, end)} holds exactly {@code dim} fields. {@code end} must be the
   * {@link #contentEnd}. {@code word} is only used in the message.
   */
  void checkFieldCount(byte[] b, int wordEnd, int end, String word, long line, long offset) {
    int n = countFields(b, wordEnd, end);
    if (n == dim) {
      return;
    }
    String where = VectorFileException.at(line, offset);
    if (n > dim) {
      int s = wordEnd;
      while (s < end && isSeparator(b[s])) {
        s++;
      }
      int e = VectorLineParser.wordEnd(b, s, end);
      String next = new String(b, s, e - s, StandardCharsets.UTF_8);
      if (!looksNumeric(next)) {
        throw new VectorFileException(
            file,
            where,
            "expected a word and "
                + dim
                + " values (dimension from "
                + dimSource
                + "), found "
                + (n + 1)
                + " fields; the word seems to contain a space (\""
                + word
                + " "
                + next
                + "\"), which a space-separated text file cannot represent");
      }
    }
    throw new VectorFileException(
        file,
        where,
        "expected a word and "
            + dim
            + " values (dimension from "
            + dimSource
            + "), found "
            + n
            + " values"
            + (n < dim ? " (truncated line?)" : ""));
  }

  /**
   * Parses the {@code dim} values in {@code [from, end)} into {@code dst[dstOff ..]}; call after
   * {@link #checkFieldCount}.
   */
  void parseValues(byte[] b, int from, int end, float[] dst, int dstOff, long line, long offset) {
    int i = from;
    for (int k = 0; k < dim; k++) {
      while (i < end && isSeparator(b[i])) {
        i++;
      }
      int s = i;
      while (i < end && !isSeparator(b[i])) {
        i++;
      }
      float v = parseShortDecimal(b, s, i);
      if (!Float.isNaN(v)) {
        dst[dstOff + k] = v;
        continue;
      }
      // ISO-8859-1 maps each byte to one char: digits stay digits, anything else fails the parse.
      String text = new String(b, s, i - s, StandardCharsets.ISO_8859_1);
      try {
        dst[dstOff + k] = Float.parseFloat(text);
      } catch (NumberFormatException e) {
        throw new VectorFileException(
            file,
            VectorFileException.at(line, offset),
            "value " + (k + 1) + " is \"" + text + "\", expected a decimal number");
      }
    }
  }

  /** 10^0 .. 10^10: every one exact in float (5^10 &lt; 2^24). */
  private static final float[] POWERS_OF_TEN = {
    1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f
  };

  /** Above this a significand is not exact in float. */
  private static final long FLOAT_EXACT_INTEGERS = 1L << 24;

  /**
   * The float nearest to the decimal in {@code [from, to)}, the same as {@link Float#parseFloat},
   * for the common shape of vector files: {@code [+-]digits[.digits][(e|E)[+-]digits]} with at most
   * 2^24 as significand (leading zeros aside) and a decimal exponent within ±10; NaN for anything
   * else, which the caller hands to {@code Float.parseFloat}.
   *
   * <p>Exact by Clinger's fast path: the significand m and 10^|e| are both floats exactly, so
   * the one correctly rounded float multiplication or division m · 10^e, m / 10^-e is the
   * correctly rounded value of the decimal. Parsing each value through a new String and {@code
   * Float.parseFloat} took about half of the vectors file's read time.
   */
  static float parseShortDecimal(byte[] b, int from, int to) {
    int i = from;
    boolean negative = false;
    if (i < to && (b[i] == '-' || b[i] == '+')) {
      negative = b[i] == '-';
      i++;
    }
    long m = 0;
    int digits = 0; // digits seen, leading zeros included
    int fraction = 0; // digits after the point
    boolean point = false;
    for (; i < to; i++) {
      int c = b[i];
      if (c >= '0' && c <= '9') {
        m = m * 10 + (c - '0');
        if (m > FLOAT_EXACT_INTEGERS) {
          return Float.NaN;
        }
        digits++;
        if (point) {
          fraction++;
        }
      } else if (c == '.' && !point) {
        point = true;
      } else {
        break;
      }
    }
    if (digits == 0) {
      return Float.NaN;
    }
    int exponent = 0;
    if (i < to && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      boolean negativeExponent = false;
      if (i < to && (b[i] == '-' || b[i] == '+')) {
        negativeExponent = b[i] == '-';
        i++;
      }
      int start = i;
      for (; i < to && b[i] >= '0' && b[i] <= '9'; i++) {
        exponent = exponent * 10 + (b[i] - '0');
        if (exponent > 1000) {
          return Float.NaN;
        }
      }
      if (i == start) {
        return Float.NaN;
      }
      if (negativeExponent) {
        exponent = -exponent;
      }
    }
    if (i != to) {
      return Float.NaN; // a suffix, hex, Infinity, NaN...: Float.parseFloat decides
    }
    int e = exponent - fraction;
    float v;
    if (m == 0) {
      v = 0f;
    } else if (e >= 0 && e < POWERS_OF_TEN.length) {
      v = m * POWERS_OF_TEN[e];
    } else if (e < 0 && -e < POWERS_OF_TEN.length) {
      v = m / POWERS_OF_TEN[-e];
    } else {
      return Float.NaN;
    }
    return negative ? -v : v;
  }

  static boolean looksNumeric(String s) {
    try {
      Float.parseFloat(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
