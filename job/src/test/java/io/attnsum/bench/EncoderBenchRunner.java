package io.attnsum.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link EncoderBenchmark} (the encoder's forward pass and ONNX Runtime on the same
 * sentences, in one JMH run) and prints a markdown table: sentences/s of each and their ratio.
 * The forked JVM inherits this JVM's options and environment: set {@code OMP_NUM_THREADS} before
 * starting it to fix ND4J's threads (ONNX Runtime gets as many).
 *
 * <pre>
 * EncoderBenchRunner [--quick] [--models MINILM,BGE_ZH] [--sentences 64] [--out table.md]
 * </pre>
 */
public final class EncoderBenchRunner {
  private EncoderBenchRunner() {}

  public static void main(String[] args) throws IOException, RunnerException {
    boolean quick = false;
    String models = null;
    String sentences = null;
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--models" -> models = args[++i];
        case "--sentences" -> sentences = args[++i];
        case "--out" -> out = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(EncoderBenchmark.class.getName() + "\\.")
            .forks(1)
            .warmupIterations(quick ? 2 : 3)
            .warmupTime(TimeValue.seconds(quick ? 2 : 3))
            .measurementIterations(quick ? 3 : 5)
            .measurementTime(TimeValue.seconds(quick ? 2 : 4))
            .shouldFailOnError(true);
    if (models != null) {
      options.param("model", models.split(","));
    }
    if (sentences != null) {
      options.param("sentences", sentences.split(","));
    }
    Collection<RunResult> results = new Runner(options.build()).run();
    String table = table(results);
    System.out.println();
    System.out.println(table);
    if (out != null) {
      Files.writeString(out, table, StandardCharsets.UTF_8);
    }
  }

  /** The markdown report of one JMH run. */
  static String table(Collection<RunResult> results) {
    // (model, sentences) -> method -> {ops/s, error}
    Map<String, Map<String, double[]>> rows = new TreeMap<>();
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark();
      String method = name.substring(name.lastIndexOf('.') + 1);
      String key = r.getParams().getParam("model") + " " + r.getParams().getParam("sentences");
      rows.computeIfAbsent(key, k -> new TreeMap<>())
          .put(method, new double[] {r.getPrimaryResult().getScore(),
              r.getPrimaryResult().getScoreError()});
    }
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "OMP_NUM_THREADS=%s (ONNX Runtime intra-op threads the"
        + " same)%n%n", System.getenv().getOrDefault("OMP_NUM_THREADS", "unset")));
    s.append("| model | sentences per op | ND4J encoder sent/s | ONNX Runtime sent/s "
        + "| encoder / ONNX Runtime |\n");
    s.append("|---|---:|---:|---:|---:|\n");
    for (var e : rows.entrySet()) {
      String[] key = e.getKey().split(" ");
      int sentences = Integer.parseInt(key[1]);
      double[] ours = e.getValue().get("nd4jEncoder");
      double[] ort = e.getValue().get("onnxRuntime");
      s.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s |%n", key[0], sentences,
          rate(ours, sentences), rate(ort, sentences),
          ours == null || ort == null ? "-"
              : String.format(Locale.ROOT, "%.0f%%", 100 * ours[0] / ort[0])));
    }
    return s.toString();
  }

  private static String rate(double[] opsPerSecond, int sentences) {
    if (opsPerSecond == null) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.1f ± %.1f", opsPerSecond[0] * sentences,
        opsPerSecond[1] * sentences);
  }
}
