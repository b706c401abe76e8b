package io.attnsum.encode;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * What the first bytes of a vectors file say about it: its format, whether it is gzip-compressed,
 * the header's vector count (or -1 without a header) and the dimension.
 *
 * <p>Detection for {@code auto}: a first line of exactly two non-negative integers is a {@code "N
 * D"} header (word2vec, fastText); otherwise there is no header (GloVe) and the dimension is the
 * first line's field count minus one. With a header, the bytes after the first record's word decide
 * binary versus text: a text record has only number characters there ({@code 0-9 . - + e E} and
 * separators) up to its line break, while D little-endian floats are almost never all such bytes (the sign/exponent byte
 * of a float of magnitude 1e-3..1e3 lies in 0x3a..0x44 or 0xba..0xc4, outside that set).
 */
public record VectorFileLayout(
    VectorFormat format, boolean gzip, long headerCount, int dim, int bomBytes)
    implements Serializable {

  /** Bytes of the head to read for {@link #detect}: enough for a 300-dim text line many times. */
  public static final int HEAD_BYTES = 1 << 16;

  public boolean hasHeader() {
    return headerCount >= 0;
  }

  public String dimSource() {
    return hasHeader() ? "the header" : "the first line";
  }

  static boolean isGzip(byte[] head, int len) {
    return len >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
  }

  /**
   * Detects or checks the layout from the first {@code len} bytes of the decompressed content.
   *
   * @param declared the configured format; {@code AUTO} detects it, others are checked for the
   *     header line they require
   */
  public static VectorFileLayout detect(
      byte[] head, int len, String file, VectorFormat declared, boolean gzip) {
    int bom =
        len >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf
            ? 3
            : 0;
    int eol = bom;
    while (eol < len && head[eol] != '\n') {
      eol++;
    }
    if (eol == len && len == HEAD_BYTES) {
      throw new VectorFileException(
          file, "line 1", "no line break in the first " + HEAD_BYTES + " bytes; expected a text "
              + "line ('N D' header or 'word v1 .. vD')");
    }
    int end = VectorLineParser.contentEnd(head, bom, eol);
    if (end == bom) {
      throw new VectorFileException(
          file, "line 1", "the file is empty or starts with a blank line; expected a header 'N D' "
              + "or a first vector line");
    }
    int wEnd = VectorLineParser.wordEnd(head, bom, end);
    int fields = 1 + VectorLineParser.countFields(head, wEnd, end);
    long[] header = fields == 2 ? parseHeader(head, bom, end) : null;

    if (declared == VectorFormat.GLOVE || (declared == VectorFormat.AUTO && header == null)) {
      if (fields < 2) {
        throw new VectorFileException(
            file, "line 1", "found a single field; expected 'word v1 .. vD' (GloVe, no header)");
      }
      return new VectorFileLayout(VectorFormat.GLOVE, gzip, -1, fields - 1, bom);
    }
    if (header == null) {
      throw new VectorFileException(
          file,
          "line 1",
          "expected a header line 'N D' (two integers) for format "
              + declared.name().toLowerCase().replace('_', '-')
              + ", found "
              + fields
              + " fields");
    }
    if (header[1] < 1 || header[1] > 100_000) {
      throw new VectorFileException(
          file, "line 1", "header dimension " + header[1] + ", expected 1..100000");
    }
    int dim = (int) header[1];
    VectorFormat format = declared;
    if (declared == VectorFormat.AUTO) {
      format = looksBinary(head, eol + 1, len, dim) ? VectorFormat.WORD2VEC_BINARY
          : VectorFormat.WORD2VEC_TEXT;
    }
    return new VectorFileLayout(format, gzip, header[0], dim, bom);
  }

  private static long[] parseHeader(byte[] b, int off, int end) {
    String s = new String(b, off, end - off, StandardCharsets.ISO_8859_1).trim();
    String[] parts = s.split("[ \t]+");
    try {
      long n = Long.parseLong(parts[0]);
      long d = Long.parseLong(parts[1]);
      return n >= 0 && d >= 0 ? new long[] {n, d} : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * Whether the first record after the header is binary: a text record is a line of control-free
   * UTF-8, while D float32 values almost always contain bytes below 0x20 or invalid UTF-8
   * sequences (see the class comment).
   */
  private static boolean looksBinary(byte[] b, int from, int len, int dim) {
    int eol = from;
    while (eol < len && b[eol] != '\n') {
      eol++;
    }
    // Without a line break in the head, drop a possibly cut multi-byte character at its end.
    int end = eol < len ? eol : Math.max(from, len - 4);
    try {
      CharBuffer line =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(b, from, end - from));
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c < 0x20 && c != '\t' && c != '\r') {
          return true;
        }
      }
      if (eol == len) {
        return false; // only part of the line is here; control-free UTF-8 that far means text
      }
      // A text record ends in D numbers; float bytes that happen to be clean UTF-8 (likely only
      // for tiny D) almost never also spell numbers.
      String[] fields = line.toString().trim().split("[ \t]+");
      if (fields.length < dim + 1) {
        return true;
      }
      for (int i = fields.length - dim; i < fields.length; i++) {
        if (!VectorLineParser.looksNumeric(fields[i])) {
          return true;
        }
      }
      return false;
    } catch (CharacterCodingException e) {
      return true;
    }
  }
}
