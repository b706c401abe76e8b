package io.attnsum.encode;

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
    String expected = "expected a word and " + dim + " values (dimension from " + dimSource
        + "), found ";
    if (n > dim) {
      int s = wordEnd;
      while (s < end && isSeparator(b[s])) {
        s++;
      }
      int e = VectorLineParser.wordEnd(b, s, end);
      String next = new String(b, s, e - s, StandardCharsets.UTF_8);
      if (!looksNumeric(next)) {
        throw new VectorFileException(file, where, expected + (n + 1) + " fields; the word seems"
            + " to contain a space (\"" + word + " " + next + "\"), which a space-separated text"
            + " file cannot represent");
      }
    }
    throw new VectorFileException(file, where,
        expected + n + " values" + (n < dim ? " (truncated line?)" : ""));
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

  static boolean looksNumeric(String s) {
    try {
      Float.parseFloat(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
