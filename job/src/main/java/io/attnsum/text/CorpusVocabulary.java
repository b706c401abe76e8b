package io.attnsum.text;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The corpus's words and their counts, as the text stage counted them: what the lexical
 * similarity weighs terms by when no word vectors carry counts (the pretrained encoders). Written
 * once by the driver and loaded once per executor JVM. A vector pack keeps its own words and
 * counts in one. Immutable.
 */
public final class CorpusVocabulary implements WordFrequencies {
  /** "ATCV", then the format version. */
  private static final int MAGIC = 0x41544356;
  private static final int VERSION = 1;

  private final String[] words;
  private final long[] counts;
  private final long total;
  private final WordIndex index;

  public CorpusVocabulary(String[] words, long[] counts) {
    this(words, counts, "corpus vocabulary");
  }

  /**
   * @param words distinct words, row order
   * @param counts each word's count, same order
   * @param what what holds these words (a corpus vocabulary, a vector pack), for errors
   */
  public CorpusVocabulary(String[] words, long[] counts, String what) {
    if (words.length != counts.length) {
      throw new IllegalArgumentException("words and counts differ in length");
    }
    this.words = words;
    this.counts = counts;
    this.index = new WordIndex(words.length);
    long sum = 0;
    for (int i = 0; i < words.length; i++) {
      if (index.add(words[i]) != i) {
        throw new IllegalArgumentException("duplicate word in " + what + ": " + words[i]);
      }
      sum += counts[i];
    }
    this.total = Math.max(1, sum);
  }

  public String word(int row) {
    return words[row];
  }

  @Override
  public int indexOf(String word) {
    return index.indexOf(word);
  }

  @Override
  public long count(int row) {
    return counts[row];
  }

  @Override
  public long totalCount() {
    return total;
  }

  @Override
  public int size() {
    return words.length;
  }

  /** {@code MAGIC, VERSION, size}, then per word its UTF-8 length, bytes and count; flushed. */
  public void write(OutputStream out) throws IOException {
    DataOutputStream d = new DataOutputStream(out);
    d.writeInt(MAGIC);
    d.writeInt(VERSION);
    d.writeInt(words.length);
    writeEntries(d);
    d.flush();
  }

  /**
   * Per word its UTF-8 length, bytes and count: the entries of this file, and of a vector pack
   * after its header.
   */
  public void writeEntries(DataOutputStream d) throws IOException {
    for (int i = 0; i < words.length; i++) {
      byte[] w = words[i].getBytes(StandardCharsets.UTF_8);
      d.writeInt(w.length);
      d.write(w);
      d.writeLong(counts[i]);
    }
  }

  /**
   * Reads {@code size} entries written by {@link #writeEntries}; {@code what} names the file in
   * errors.
   */
  public static CorpusVocabulary readEntries(DataInputStream d, int size, String what)
      throws IOException {
    String[] words = new String[size];
    long[] counts = new long[size];
    for (int i = 0; i < size; i++) {
      int len = d.readInt();
      if (len < 0 || len > (1 << 20)) {
        throw new IOException(what + " word " + i + " has length " + len);
      }
      byte[] w = new byte[len];
      d.readFully(w);
      words[i] = new String(w, StandardCharsets.UTF_8);
      counts[i] = d.readLong();
    }
    return new CorpusVocabulary(words, counts, what);
  }

  /** Reads what {@link #write} wrote; the stream is not closed. */
  public static CorpusVocabulary read(InputStream in) throws IOException {
    DataInputStream d = new DataInputStream(in);
    if (d.readInt() != MAGIC || d.readInt() != VERSION) {
      throw new IOException("not a corpus vocabulary file (version " + VERSION + ")");
    }
    int size = d.readInt();
    if (size < 0) {
      throw new IOException("corpus vocabulary size " + size);
    }
    return readEntries(d, size, "corpus vocabulary");
  }
}
