package io.attnsum.encode;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Buffered reading of an uncompressed byte stream that knows its byte offset: lines into a reused
 * buffer (no per-line allocation) and fixed-size binary records. Offsets are reported in error
 * messages, so they count bytes of the (decompressed) content.
 */
final class ByteCursor {
  private final InputStream in;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private long consumed; // bytes before buf[0]
  private byte[] line = new byte[1 << 12];

  ByteCursor(InputStream in) {
    this.in = in;
  }

  /** Offset of the next unread byte. */
  long offset() {
    return consumed + pos;
  }

  private boolean fill() throws IOException {
    if (pos < limit) {
      return true;
    }
    consumed += limit;
    pos = 0;
    limit = 0;
    int n = in.read(buf, 0, buf.length);
    while (n == 0) {
      n = in.read(buf, 0, buf.length);
    }
    if (n < 0) {
      return false;
    }
    limit = n;
    return true;
  }

  /** The buffer {@link #readLine} fills; valid until the next call. */
  byte[] lineBytes() {
    return line;
  }

  /**
   * Reads up to and excluding the next LF (or end of stream) into {@link #lineBytes}; returns its
   * length, or -1 at end of stream.
   */
  int readLine() throws IOException {
    int n = 0;
    boolean any = false;
    while (fill()) {
      any = true;
      int start = pos;
      int i = start;
      while (i < limit && buf[i] != '\n') {
        i++;
      }
      int chunk = i - start;
      if (n + chunk > line.length) {
        line = Arrays.copyOf(line, Math.max(line.length * 2, n + chunk));
      }
      System.arraycopy(buf, start, line, n, chunk);
      n += chunk;
      if (i < limit) {
        pos = i + 1;
        return n;
      }
      pos = limit;
    }
    return any ? n : -1;
  }

  /** Next byte, or -1 at end of stream. */
  int read() throws IOException {
    if (!fill()) {
      return -1;
    }
    return buf[pos++] & 0xff;
  }

  /** Next byte without consuming it, or -1 at end of stream. */
  int peek() throws IOException {
    if (!fill()) {
      return -1;
    }
    return buf[pos] & 0xff;
  }

  /** Reads exactly {@code len} bytes into {@code dst}; returns the number read (less at EOF). */
  int readFully(byte[] dst, int off, int len) throws IOException {
    int n = 0;
    while (n < len && fill()) {
      int c = Math.min(len - n, limit - pos);
      System.arraycopy(buf, pos, dst, off + n, c);
      pos += c;
      n += c;
    }
    return n;
  }
}
