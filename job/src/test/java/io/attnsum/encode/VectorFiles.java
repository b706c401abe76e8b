package io.attnsum.encode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * Small vectors files in each format for tests, written by an independent writer (not ours), and
 * read back through {@link VectorFileReader}.
 */
public final class VectorFiles {
  private VectorFiles() {}

  /** Reads a local file with {@link VectorFileReader}; {@code keep == null} keeps every word. */
  public static VectorPack read(Path file, VectorFormat format, Set<String> keep) {
    try (InputStream in = Files.newInputStream(file)) {
      return VectorFileReader.read(
          in, file.toString(), format, keep == null ? null : VectorFileReader.SizedFilter.of(keep));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read word vectors file " + file, e);
    }
  }

  /**
   * The length in bytes of {@link VectorPack#write}'s output: a 16-byte header, each word as its
   * UTF-8 length (4), count (8) and bytes, then the float32 matrix.
   */
  static long packBytes(VectorPack pack) {
    long n = 16L + 4L * pack.data().length;
    for (int i = 0; i < pack.size(); i++) {
      n += 4 + 8 + pack.word(i).getBytes(StandardCharsets.UTF_8).length;
    }
    return n;
  }

  /** word2vec/fastText text ({@code header}) or GloVe (no header). */
  static byte[] text(Map<String, float[]> vectors, boolean header, boolean trailingSpace) {
    StringBuilder sb = new StringBuilder();
    int dim = vectors.values().iterator().next().length;
    if (header) {
      sb.append(vectors.size()).append(' ').append(dim).append('\n');
    }
    for (Map.Entry<String, float[]> e : vectors.entrySet()) {
      sb.append(e.getKey());
      for (float v : e.getValue()) {
        sb.append(' ').append(v);
      }
      if (trailingSpace) {
        sb.append(' ');
      }
      sb.append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** word2vec binary as word2vec.c writes it: header, then "word " + LE floats + '\n'. */
  static byte[] binary(Map<String, float[]> vectors, boolean newlines) {
    int dim = vectors.values().iterator().next().length;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes((vectors.size() + " " + dim + "\n").getBytes(StandardCharsets.US_ASCII));
    ByteBuffer bb = ByteBuffer.allocate(4 * dim).order(ByteOrder.LITTLE_ENDIAN);
    for (Map.Entry<String, float[]> e : vectors.entrySet()) {
      out.writeBytes((e.getKey() + " ").getBytes(StandardCharsets.UTF_8));
      bb.clear();
      for (float v : e.getValue()) {
        bb.putFloat(v);
      }
      out.writeBytes(bb.array());
      if (newlines) {
        out.write('\n');
      }
    }
    return out.toByteArray();
  }

  static byte[] gzip(byte[] content) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(content);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bytes.toByteArray();
  }

  static Path write(Path dir, String name, byte[] content) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, content);
    return p;
  }

  /** A fixed small vocabulary with unicode words and awkward values. */
  static Map<String, float[]> sample() {
    Map<String, float[]> m = new LinkedHashMap<>();
    m.put("the", new float[] {0.1f, -0.25f, 3.5e-4f, 12f});
    m.put("naïve", new float[] {-1f, 0f, 1e-8f, 7.125f});
    m.put("東京", new float[] {0.333333f, -0.666667f, 1f, -1e6f});
    m.put("😀", new float[] {Float.MIN_NORMAL, -2.5f, 0.5f, 0.75f});
    m.put("end.", new float[] {9f, 8f, 7f, 6f});
    return m;
  }
}
