package io.attnsum.attention;

import io.attnsum.text.AnalyzedDocument;
import io.attnsum.text.Language;
import io.attnsum.text.Sentence;
import io.attnsum.encode.VectorPack;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded random word vectors and whitespace-tokenised documents for tests. */
public final class SyntheticCorpus {
  private SyntheticCorpus() {}

  /** Gaussian vectors, one per word; counts 1, 2, 3, ... so the prior differs per word. */
  public static VectorPack pack(List<String> words, int dim, long seed) {
    Random random = new Random(seed);
    float[] data = new float[words.size() * dim];
    long[] counts = new long[words.size()];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) random.nextGaussian();
    }
    for (int i = 0; i < counts.length; i++) {
      counts[i] = 1 + (i * 7L) % 50;
    }
    return new VectorPack(words.toArray(new String[0]), data, dim, counts);
  }

  /** A pack over w0..w{size-1}. */
  public static VectorPack numberedPack(int size, int dim, long seed) {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      words.add("w" + i);
    }
    return pack(words, dim, seed);
  }

  /** A document whose sentences are the given strings, tokens split on spaces. */
  public static AnalyzedDocument doc(String id, String... sentences) {
    StringBuilder text = new StringBuilder();
    List<Sentence> out = new ArrayList<>();
    for (int i = 0; i < sentences.length; i++) {
      int start = text.length();
      text.append(sentences[i]);
      String[] tokens = sentences[i].isBlank() ? new String[0] : sentences[i].trim().split(" +");
      out.add(new Sentence(i, sentences[i], start, text.length(), tokens));
      text.append(' ');
    }
    return new AnalyzedDocument(id, Language.EN, text.toString(), out, out.size(), 0);
  }

  /** A random document: sentence lengths in [1, maxLen], words from w0..w{vocab-1} plus unknowns. */
  public static AnalyzedDocument randomDoc(String id, Random random, int vocab, int maxSentences,
      int maxLen) {
    int n = 1 + random.nextInt(maxSentences);
    String[] sentences = new String[n];
    for (int i = 0; i < n; i++) {
      int len = 1 + random.nextInt(maxLen);
      StringBuilder s = new StringBuilder();
      for (int t = 0; t < len; t++) {
        if (t > 0) {
          s.append(' ');
        }
        // about one token in ten is out of vocabulary
        s.append(random.nextInt(10) == 0 ? "oov" + random.nextInt(5) : "w" + random.nextInt(vocab));
      }
      sentences[i] = s.toString();
    }
    return doc(id, sentences);
  }

  /** {@code count} documents from {@link #randomDoc}, ids {@code prefix + i}, drawn in order. */
  public static List<AnalyzedDocument> randomDocs(String prefix, Random random, int count,
      int vocab, int maxSentences, int maxLen) {
    List<AnalyzedDocument> docs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      docs.add(randomDoc(prefix + i, random, vocab, maxSentences, maxLen));
    }
    return docs;
  }
}
