package io.attnsum.encode;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Written by hand for memory: it keeps only the wanted words, in one float table, where DL4J's
 * loader holds the whole file in an ND4J lookup table ({@code scripts/bench-vectors.sh}).
 *
 * <p>Streams a word-vectors file (any {@link VectorFormat}, gzip or not) once and keeps only the
 * vectors of the words a filter accepts. Needs no Spark or Hadoop: the job uses it for binary
 * word2vec files (which cannot be split, so they are streamed once on the driver) and for reading
 * a file whole; the Spark path for text files shares its line parser.
 *
 * <p>Duplicate words keep their first vector (word2vec's own loader keeps the last; the C tool
 * never writes duplicates, but some converted GloVe files have them). Every line is checked for
 * its field count and UTF-8 word, kept or not; only kept lines have their values parsed.
 */
public final class VectorFileReader {
  private static final Logger LOG = LoggerFactory.getLogger(VectorFileReader.class);

  /** Longest word accepted in a binary file, to fail fast on a misaligned record. */
  static final int MAX_BINARY_WORD_BYTES = 4096;

  private VectorFileReader() {}

  /** Reads a stream (compressed or not; not closed here); {@code keep == null} keeps all. */
  public static VectorPack read(
      InputStream raw, String name, VectorFormat format, Predicate<String> keep) {
    try {
      BufferedInputStream in = new BufferedInputStream(raw, VectorFileLayout.HEAD_BYTES);
      in.mark(2);
      byte[] magic = in.readNBytes(2);
      in.reset();
      boolean gzip = VectorFileLayout.isGzip(magic, magic.length);
      InputStream content =
          gzip
              ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), VectorFileLayout.HEAD_BYTES)
              : in;
      content.mark(VectorFileLayout.HEAD_BYTES);
      byte[] head = content.readNBytes(VectorFileLayout.HEAD_BYTES);
      content.reset();
      VectorFileLayout layout = VectorFileLayout.detect(head, head.length, name, format, gzip);
      LOG.info(
          "Reading word vectors {}: format {}, gzip {}, header count {}, dim {}",
          name, layout.format(), gzip, layout.headerCount(), layout.dim());
      ByteCursor cursor = new ByteCursor(content);
      for (int i = 0; i < layout.bomBytes(); i++) {
        cursor.read();
      }
      return layout.format().isBinary()
          ? readBinary(cursor, name, layout, keep)
          : readText(cursor, name, layout, keep);
    } catch (IOException e) {
      // A gzip stream cut short surfaces as EOFException from the inflater.
      throw new VectorFileException(name, null, "cannot read (" + e + "); truncated or corrupt?", e);
    }
  }

  /** Rows collected while reading; duplicates are dropped (first wins). */
  private static final class Rows {
    final int dim;
    final List<String> words = new ArrayList<>();
    final Set<String> seen = new HashSet<>();
    float[] data;
    long duplicates;

    Rows(int dim, long expected) {
      this.dim = dim;
      this.data = new float[(int) Math.max(16, Math.min(expected, Integer.MAX_VALUE / dim)) * dim];
    }

    /** Offset to write the next row at, or -1 when {@code word} is a duplicate. */
    int add(String word) {
      if (!seen.add(word)) {
        duplicates++;
        return -1;
      }
      int off = words.size() * dim;
      if (off + dim > data.length) {
        long grown = Math.min((long) data.length * 2, (long) Integer.MAX_VALUE - 8);
        if (grown < off + dim) {
          throw new IllegalStateException("more than " + Integer.MAX_VALUE + " floats of vectors");
        }
        data = Arrays.copyOf(data, (int) grown);
      }
      words.add(word);
      return off;
    }

    VectorPack pack(String name) {
      if (duplicates > 0) {
        LOG.warn("{}: {} duplicate words ignored (first vector kept)", name, duplicates);
      }
      float[] exact =
          data.length == words.size() * dim ? data : Arrays.copyOf(data, words.size() * dim);
      return new VectorPack(words.toArray(new String[0]), exact, dim, null);
    }
  }

  private static long expectedRows(VectorFileLayout layout, Predicate<String> keep) {
    long n = layout.hasHeader() ? layout.headerCount() : 1 << 16;
    if (keep instanceof SizedFilter s) {
      n = Math.min(n, s.size());
    }
    return n;
  }

  private static VectorPack readText(
      ByteCursor cursor, String name, VectorFileLayout layout, Predicate<String> keep)
      throws IOException {
    VectorLineParser parser = new VectorLineParser(name, layout.dim(), layout.dimSource());
    Rows rows = new Rows(layout.dim(), expectedRows(layout, keep));
    long lineNo = 0;
    long vectors = 0;
    while (true) {
      long offset = cursor.offset();
      int len = cursor.readLine();
      if (len < 0) {
        break;
      }
      lineNo++;
      if (lineNo == 1 && layout.hasHeader()) {
        continue; // checked by VectorFileLayout.detect
      }
      byte[] b = cursor.lineBytes();
      int end = VectorLineParser.contentEnd(b, 0, len);
      if (end == 0) {
        continue; // blank line, e.g. a final empty line
      }
      int wEnd = VectorLineParser.wordEnd(b, 0, end);
      String word = parser.decode(b, 0, wEnd, lineNo, offset);
      parser.checkFieldCount(b, wEnd, end, word, lineNo, offset);
      vectors++;
      if (keep == null || keep.test(word)) {
        int dst = rows.add(word);
        if (dst >= 0) {
          parser.parseValues(b, wEnd, end, rows.data, dst, lineNo, offset);
        }
      }
    }
    if (layout.hasHeader() && vectors != layout.headerCount()) {
      throw new VectorFileException(
          name,
          "end of file after line " + lineNo,
          "the header announces " + layout.headerCount() + " vectors, found " + vectors);
    }
    return rows.pack(name);
  }

  private static VectorPack readBinary(
      ByteCursor cursor, String name, VectorFileLayout layout, Predicate<String> keep)
      throws IOException {
    cursor.readLine(); // header, checked by VectorFileLayout.detect
    int dim = layout.dim();
    VectorLineParser decoder = new VectorLineParser(name, dim, layout.dimSource());
    Rows rows = new Rows(dim, expectedRows(layout, keep));
    byte[] word = new byte[256];
    byte[] values = new byte[4 * dim];
    // word2vec.c writes floats in the machine's byte order; every file in circulation is x86.
    java.nio.FloatBuffer floats = ByteBuffer.wrap(values).order(ByteOrder.LITTLE_ENDIAN)
        .asFloatBuffer();
    for (long r = 0; r < layout.headerCount(); r++) {
      while (cursor.peek() == '\n') {
        cursor.read(); // word2vec.c ends each record with '\n'; other writers omit it
      }
      long offset = cursor.offset();
      int n = 0;
      int c;
      while ((c = cursor.read()) >= 0 && c != ' ') {
        if (n == MAX_BINARY_WORD_BYTES) {
          throw new VectorFileException(
              name,
              "record " + (r + 1) + " at byte offset " + offset,
              "no space after " + n + " bytes of word; expected 'word<space>' then " + dim
                  + " float32 values (wrong dimension in the header, or not a word2vec binary "
                  + "file?)");
        }
        if (n == word.length) {
          word = Arrays.copyOf(word, n * 2);
        }
        word[n++] = (byte) c;
      }
      if (c < 0) {
        throw truncated(name, r, offset, cursor.offset(), layout, "in the word");
      }
      String w = decodeBinaryWord(decoder, name, word, n, r, offset);
      int got = cursor.readFully(values, 0, values.length);
      if (got < values.length) {
        throw truncated(name, r, offset, cursor.offset(), layout,
            "after " + got + " of " + values.length + " value bytes");
      }
      if (keep == null || keep.test(w)) {
        int dst = rows.add(w);
        if (dst >= 0) {
          floats.rewind();
          floats.get(rows.data, dst, dim);
        }
      }
    }
    int c;
    while ((c = cursor.read()) >= 0) {
      if (c != '\n' && c != '\r' && c != ' ') {
        throw new VectorFileException(
            name,
            "byte offset " + (cursor.offset() - 1),
            "found data after the " + layout.headerCount() + " records the header announces; "
                + "expected end of file (does the header's dimension " + dim + " match?)");
      }
    }
    return rows.pack(name);
  }

  private static String decodeBinaryWord(
      VectorLineParser decoder, String name, byte[] word, int n, long record, long offset) {
    try {
      return decoder.decode(word, 0, n, -1, offset);
    } catch (VectorFileException e) {
      throw new VectorFileException(
          name,
          "record " + (record + 1) + " at byte offset " + offset,
          "the word is not valid UTF-8; expected a UTF-8 word (misaligned records: does the "
              + "header's dimension match the data?)");
    }
  }

  private static VectorFileException truncated(
      String name, long record, long offset, long end, VectorFileLayout layout, String where) {
    return new VectorFileException(
        name,
        "record " + (record + 1) + " at byte offset " + offset,
        "file ends at byte " + end + " " + where + "; the header announces "
            + layout.headerCount() + " records of " + layout.dim() + " float32 values (truncated?)");
  }

  /** A filter that knows how many words it can accept at most, to size buffers. */
  public interface SizedFilter extends Predicate<String> {
    int size();

    static SizedFilter of(Set<String> words) {
      return new SizedFilter() {
        @Override
        public boolean test(String w) {
          return words.contains(w);
        }

        @Override
        public int size() {
          return words.size();
        }
      };
    }
  }
}
