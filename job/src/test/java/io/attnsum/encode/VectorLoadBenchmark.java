package io.attnsum.encode;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.deeplearning4j.models.embeddings.loader.WordVectorSerializer;
import org.deeplearning4j.models.word2vec.Word2Vec;

/**
 * Command-line benchmark behind {@code scripts/bench-vectors.sh}: generates a word2vec text file
 * and loads it whole (DL4J's {@link WordVectorSerializer}, or our reader into one pack) or pruned
 * to a corpus-sized vocabulary. Each mode runs in its own JVM so that the script can measure peak
 * memory per mode; this prints the load time and the heap in use after the load.
 *
 * <pre>
 * generate FILE WORDS DIM SEED       words w0..w{WORDS-1}, values uniform in (-1, 1), 6 decimals
 * dl4j FILE                          WordVectorSerializer.readWord2VecModel (everything)
 * whole FILE                         VectorFileReader, every word
 * pruned FILE WORDS KEEP SEED        VectorFileReader keeping KEEP random words of w0..w{WORDS-1}
 * </pre>
 */
public final class VectorLoadBenchmark {
  private VectorLoadBenchmark() {}

  public static void main(String[] args) throws IOException {
    String mode = args[0];
    Path file = Path.of(args[1]);
    switch (mode) {
      case "generate" -> generate(file, Integer.parseInt(args[2]), Integer.parseInt(args[3]),
          Long.parseLong(args[4]));
      case "dl4j" -> {
        long t = System.nanoTime();
        Word2Vec w2v = WordVectorSerializer.readWord2VecModel(file.toFile(), false);
        report(mode, w2v.getVocab().numWords(), w2v.getLayerSize(), t);
      }
      case "whole" -> {
        long t = System.nanoTime();
        VectorPack pack = VectorFiles.read(file, VectorFormat.AUTO, null);
        report(mode, pack.size(), pack.dim(), t);
      }
      case "pruned" -> {
        int words = Integer.parseInt(args[2]);
        int keep = Integer.parseInt(args[3]);
        Random rnd = new Random(Long.parseLong(args[4]));
        Set<String> vocabulary = new HashSet<>();
        while (vocabulary.size() < keep) {
          vocabulary.add("w" + rnd.nextInt(words));
        }
        long t = System.nanoTime();
        VectorPack pack = VectorFiles.read(file, VectorFormat.AUTO, vocabulary);
        report(mode, pack.size(), pack.dim(), t);
      }
      default -> throw new IllegalArgumentException("unknown mode " + mode);
    }
  }

  private static void report(String mode, long words, int dim, long startNanos) {
    long ms = (System.nanoTime() - startNanos) / 1_000_000;
    System.gc();
    Runtime rt = Runtime.getRuntime();
    long heapMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
    System.out.printf(
        "RESULT mode=%s words=%d dim=%d load_ms=%d heap_after_gc_mb=%d%n",
        mode, words, dim, ms, heapMb);
  }

  /** Writes values with 6 decimals by integer arithmetic (Float.toString would dominate). */
  private static void generate(Path file, int words, int dim, long seed) throws IOException {
    Random rnd = new Random(seed);
    byte[] line = new byte[32 + dim * 10];
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      out.write((words + " " + dim + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      for (int w = 0; w < words; w++) {
        int n = 0;
        byte[] word = ("w" + w).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(word, 0, line, 0, word.length);
        n += word.length;
        for (int k = 0; k < dim; k++) {
          int micro = rnd.nextInt(2_000_000) - 999_999; // (-1, 1) in millionths
          line[n++] = ' ';
          if (micro < 0) {
            line[n++] = '-';
            micro = -micro;
          }
          line[n++] = (byte) ('0' + micro / 1_000_000);
          line[n++] = '.';
          int frac = micro % 1_000_000;
          for (int div = 100_000; div > 0; div /= 10) {
            line[n++] = (byte) ('0' + (frac / div) % 10);
          }
        }
        line[n++] = '\n';
        out.write(line, 0, n);
      }
    }
  }
}
