package io.attnsum.encode;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Single-thread tokenizer throughput on the test sentences (not a test: prints a report), for
 * {@link WordPieceTokenizer} and, on the same sentences and thread, Hugging Face's tokenizers
 * through DJL. Each model runs on the sentences of its language; each measurement repeats the
 * sentences for {@code seconds} (default 5) after as long a warm-up, and reports the best of three.
 *
 * <pre>
 * cd job &amp;&amp; mvn -q -o test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/test.classpath) \
 *     io.attnsum.encode.TokenizerThroughput [seconds]
 * </pre>
 */
public final class TokenizerThroughput {
  private TokenizerThroughput() {}

  public static void main(String[] args) throws IOException {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
    run(BuiltInEncoder.ALL_MINILM_L6_V2, "/encode/sentences-en.jsonl", seconds);
    run(BuiltInEncoder.BGE_SMALL_ZH_V1_5, "/encode/sentences-zh.jsonl", seconds);
  }

  private static void run(BuiltInEncoder encoder, String resource, double seconds)
      throws IOException {
    String[] texts =
        HuggingFaceReference.lines(resource).stream()
            .map(HuggingFaceReference.Line::text)
            .toArray(String[]::new);
    WordPieceTokenizer tokenizer = encoder.tokenizer();
    try (HuggingFaceTokenizer djl =
        HuggingFaceTokenizer.newInstance(
            new ByteArrayInputStream(HuggingFaceReference.bytes(encoder)),
            Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "true"))) {
      for (Map.Entry<String, ToIntFunction<String>> e :
          List.<Map.Entry<String, ToIntFunction<String>>>of(
                  Map.entry("WordPieceTokenizer", t -> tokenizer.encode(t).length),
                  Map.entry("Hugging Face via DJL", t -> djl.encode(t).getIds().length))) {
        measure(e.getValue(), texts, seconds); // warm-up
        double best = 0;
        long pieces = 0;
        for (int round = 0; round < 3; round++) {
          long[] counts = measure(e.getValue(), texts, seconds);
          best = Math.max(best, counts[0] * 1e9 / counts[1]);
          pieces = counts[2] / Math.max(1, counts[0] / texts.length);
        }
        System.out.printf(
            Locale.ROOT,
            "%-18s %-22s %4d sentences (%d ids per pass):"
                + " %,10.0f sentences/s, %6.2f us/sentence%n",
            encoder.id(), e.getKey(), texts.length, pieces, best, 1e6 / best);
      }
    }
  }

  /** {sentences, nanoseconds, ids produced} over whole passes for about {@code seconds}. */
  private static long[] measure(ToIntFunction<String> encode, String[] texts, double seconds) {
    long sentences = 0;
    long ids = 0;
    long start = System.nanoTime();
    long until = start + (long) (seconds * 1e9);
    long now;
    do {
      for (String t : texts) {
        ids += encode.applyAsInt(t);
      }
      sentences += texts.length;
      now = System.nanoTime();
    } while (now < until);
    return new long[] {sentences, now - start, ids};
  }
}
