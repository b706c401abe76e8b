package io.attnsum.encode;

import io.attnsum.text.CorpusVocabulary;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Word vectors packed for lookup: a row-major float matrix {@code [size, dim]} plus a word index
 * and each word's corpus count (for frequency-based token priors such as SIF). Immutable and
 * safe to share between threads; one instance per executor JVM (see {@code VectorPackCache}).
 */
public final class VectorPack implements io.attnsum.encode.TokenTable, io.attnsum.text.WordFrequencies {
  private final CorpusVocabulary vocabulary;
  private final float[] data;
  private final int dim;

  /**
   * @param words the vocabulary, row order
   * @param data row-major {@code [words.length, dim]}
   * @param counts corpus count per word (same order), or null when unknown (all 1)
   */
  public VectorPack(String[] words, float[] data, int dim, long[] counts) {
    this(new CorpusVocabulary(words, counts != null ? counts : filled(words.length), "pack"),
        data, dim);
  }

  private VectorPack(CorpusVocabulary vocabulary, float[] data, int dim) {
    if (dim <= 0 || data.length != (long) vocabulary.size() * dim) {
      throw new IllegalArgumentException(
          "data has " + data.length + " floats, expected " + vocabulary.size() + " x " + dim);
    }
    this.vocabulary = vocabulary;
    this.data = data;
    this.dim = dim;
  }

  private static long[] filled(int n) {
    long[] c = new long[n];
    java.util.Arrays.fill(c, 1L);
    return c;
  }

  @Override
  public int dim() {
    return dim;
  }

  @Override
  public int size() {
    return vocabulary.size();
  }

  /** Row of {@code word}, or -1 when the pack has no vector for it. */
  @Override
  public int indexOf(String word) {
    return vocabulary.indexOf(word);
  }

  public String word(int row) {
    return vocabulary.word(row);
  }

  @Override
  public long count(int row) {
    return vocabulary.count(row);
  }

  @Override
  public long totalCount() {
    return vocabulary.totalCount();
  }

  /** The backing row-major matrix; callers must not modify it. */
  @Override
  public float[] data() {
    return data;
  }

  /** Copies row {@code row} into {@code dst[offset .. offset+dim)}. */
  public void copyRow(int row, float[] dst, int offset) {
    System.arraycopy(data, row * dim, dst, offset, dim);
  }

  /** Magic number at the start of a serialized pack ("ATVP"), then the format version. */
  static final int MAGIC = 0x41545650;

  static final int VERSION = 1;

  /**
   * Writes the pack in its binary form: {@code MAGIC, VERSION, size, dim}, then per row the
   * word's UTF-8 length and bytes and its count, then the {@code [size, dim]} matrix as
   * little-endian float32. Big-endian ints (DataOutput) for the header, little-endian bulk floats
   * so that both ends can copy them through a {@code FloatBuffer} view without per-value calls.
   * The stream is flushed, not closed.
   */
  public void write(OutputStream out) throws IOException {
    DataOutputStream d = new DataOutputStream(out);
    d.writeInt(MAGIC);
    d.writeInt(VERSION);
    d.writeInt(vocabulary.size());
    d.writeInt(dim);
    vocabulary.writeEntries(d);
    byte[] chunk = new byte[1 << 16];
    ByteBuffer bb = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
    int perChunk = chunk.length / 4;
    for (int off = 0; off < data.length; off += perChunk) {
      int n = Math.min(perChunk, data.length - off);
      bb.clear();
      bb.asFloatBuffer().put(data, off, n);
      d.write(chunk, 0, n * 4);
    }
    d.flush();
  }

  /** Reads a pack written by {@link #write}; the stream is not closed. */
  public static VectorPack read(InputStream in) throws IOException {
    DataInputStream d = new DataInputStream(in);
    int magic = d.readInt();
    if (magic != MAGIC) {
      throw new IOException(String.format("not a vector pack (magic %08x, expected %08x)", magic,
          MAGIC));
    }
    int version = d.readInt();
    if (version != VERSION) {
      throw new IOException("vector pack version " + version + ", expected " + VERSION);
    }
    int size = d.readInt();
    int dim = d.readInt();
    if (size < 0 || dim <= 0 || (long) size * dim > Integer.MAX_VALUE - 8) {
      throw new IOException("vector pack header size " + size + " x dim " + dim + " is invalid");
    }
    CorpusVocabulary vocabulary = CorpusVocabulary.readEntries(d, size, "vector pack");
    float[] data = new float[size * dim];
    byte[] chunk = new byte[1 << 16];
    ByteBuffer bb = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
    int perChunk = chunk.length / 4;
    for (int off = 0; off < data.length; off += perChunk) {
      int n = Math.min(perChunk, data.length - off);
      try {
        d.readFully(chunk, 0, n * 4);
      } catch (EOFException e) {
        throw new IOException("vector pack truncated in the matrix at float " + off, e);
      }
      bb.clear();
      bb.asFloatBuffer().get(data, off, n);
    }
    return new VectorPack(vocabulary, data, dim);
  }
}
