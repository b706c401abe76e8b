package io.attnsum.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link EncoderBenchmark} (the encoder's forward pass and ONNX Runtime on the same
 * sentences, in one JMH run) and prints a markdown table: sentences/s of each and their ratio.
 * The forked JVM inherits this JVM's options and environment: set {@code OMP_NUM_THREADS} before
 * starting it to fix ND4J's threads (ONNX Runtime gets as many). The CPU-time columns count the
 * calling thread only: they are each engine's whole work with {@code OMP_NUM_THREADS=1}.
 *
 * <pre>
 * EncoderBenchRunner [--quick] [--models MINILM,BGE_ZH] [--sentences 64] [--out table.md]
 * </pre>
 */
public final class EncoderBenchRunner {
  private EncoderBenchRunner() {}

  /** Command-line options that set a parameter of {@link EncoderBenchmark}. */
  private static final Map<String, String> PARAMETERS =
      Map.of("--models", "model", "--sentences", "sentences");

  public static void main(String[] args) throws IOException, RunnerException {
    boolean quick = false;
    Path out = null;
    Map<String, String> parameters = new TreeMap<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--quick")) {
        quick = true;
      } else if (args[i].equals("--out")) {
        out = Path.of(args[++i]);
      } else if (PARAMETERS.containsKey(args[i])) {
        parameters.put(PARAMETERS.get(args[i]), args[++i]);
      } else {
        throw new IllegalArgumentException("unknown argument " + args[i]);
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
    parameters.forEach((name, values) -> options.param(name, values.split(",")));
    JmhReports.run(options.build(), EncoderBenchRunner::table, out);
  }

  /** The markdown report of one JMH run. */
  static String table(Collection<RunResult> results) {
    // (model, sentences) -> method -> {ops/s, error}
    Map<String, Map<String, double[]>> rows = new TreeMap<>();
    for (RunResult r : results) {
      String method = JmhReports.method(r);
      String key = r.getParams().getParam("model") + " " + r.getParams().getParam("sentences");
      var secondary = r.getSecondaryResults();
      double cpuNanos = secondary.containsKey("cpuNanos") ? secondary.get("cpuNanos").getScore()
          : Double.NaN;
      double calls = secondary.containsKey("calls") ? secondary.get("calls").getScore()
          : Double.NaN;
      rows.computeIfAbsent(key, k -> new TreeMap<>())
          .put(method, new double[] {r.getPrimaryResult().getScore(),
              r.getPrimaryResult().getScoreError(), calls / (cpuNanos / 1e9)});
    }
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "OMP_NUM_THREADS=%s (ONNX Runtime intra-op threads the"
        + " same)%n%n", System.getenv().getOrDefault("OMP_NUM_THREADS", "unset")));
    s.append("| model | sentences per op | ND4J encoder sent/s | ONNX Runtime sent/s "
        + "| encoder / ONNX Runtime | encoder sent/CPU-s | ONNX Runtime sent/CPU-s "
        + "| encoder / ONNX Runtime, CPU time |\n");
    s.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (var e : rows.entrySet()) {
      String[] key = e.getKey().split(" ");
      int sentences = Integer.parseInt(key[1]);
      double[] ours = e.getValue().get("nd4jEncoder");
      double[] ort = e.getValue().get("onnxRuntime");
      s.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s |%n", key[0],
          sentences, rate(ours, sentences), rate(ort, sentences), percent(ours, ort, 0),
          cpuRate(ours, sentences), cpuRate(ort, sentences), percent(ours, ort, 2)));
    }
    return s.toString();
  }

  /** ours / ort of field {@code i} (0: wall-clock ops/s, 2: ops per CPU-second). */
  private static String percent(double[] ours, double[] ort, int i) {
    return ours == null || ort == null ? "-"
        : String.format(Locale.ROOT, "%.0f%%", 100 * ours[i] / ort[i]);
  }

  private static String cpuRate(double[] result, int sentences) {
    return result == null ? "-" : String.format(Locale.ROOT, "%.1f", result[2] * sentences);
  }

  private static String rate(double[] opsPerSecond, int sentences) {
    if (opsPerSecond == null) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.1f ± %.1f", opsPerSecond[0] * sentences,
        opsPerSecond[1] * sentences);
  }
}
