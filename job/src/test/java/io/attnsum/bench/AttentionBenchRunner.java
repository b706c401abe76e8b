package io.attnsum.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link AttentionBenchmark} and {@link MatmulCeilingBenchmark} in one JMH run and prints a
 * markdown table: sentences/s and GFLOP/s per variant and shape, and the batched variant's share
 * of the measured sgemm rate. The forked JVMs inherit this JVM's options and environment (set
 * {@code OMP_NUM_THREADS} before starting it to fix ND4J's thread count).
 *
 * <pre>
 * AttentionBenchRunner [--quick] [--tokens 8,16] [--dims 100,300] [--batches 64,256]
 *                      [--out table.md] [--json jmh.json]
 * </pre>
 */
public final class AttentionBenchRunner {
  private static final String BATCHED = "batchedNd4j";
  private static final String JAVA_KERNEL = "batchedJavaKernel";
  private static final String PER_SENTENCE = "perSentenceNd4j";
  private static final String LOOP = "plainJavaLoop";

  private AttentionBenchRunner() {}

  public static void main(String[] args) throws IOException, RunnerException {
    boolean quick = false;
    String tokens = null;
    String dims = null;
    String batches = null;
    Path out = null;
    Path json = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--tokens" -> tokens = args[++i];
        case "--dims" -> dims = args[++i];
        case "--batches" -> batches = args[++i];
        case "--out" -> out = Path.of(args[++i]);
        case "--json" -> json = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(AttentionBenchmark.class.getName() + "\\.")
            .include(MatmulCeilingBenchmark.class.getName() + "\\.")
            .forks(1)
            .warmupIterations(quick ? 1 : 2)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(quick ? 2 : 3)
            .measurementTime(TimeValue.seconds(quick ? 1 : 2))
            .shouldFailOnError(true);
    if (quick) {
      // Shortest useful sweep: the smallest and largest realistic windows, default batch size.
      tokens = tokens == null ? "16,64" : tokens;
      batches = batches == null ? "256" : batches;
    }
    // param() appends to what a previous call set, so each parameter is set once.
    if (tokens != null) {
      options.param("tokens", tokens.split(","));
    }
    if (dims != null) {
      options.param("dim", dims.split(","));
    }
    if (batches != null) {
      options.param("batch", batches.split(","));
    }
    if (json != null) {
      options.resultFormat(ResultFormatType.JSON).result(json.toString());
    }
    JmhReports.run(options.build(), AttentionBenchRunner::table, out);
  }

  /** The markdown report of one JMH run. */
  static String table(Collection<RunResult> results) {
    double ceiling = Double.NaN;
    // (dim, tokens, batch) -> variant -> ops/s
    Map<List<Integer>, Map<String, double[]>> rows = new TreeMap<>(AttentionBenchRunner::compare);
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark();
      String method = JmhReports.method(r);
      double score = r.getPrimaryResult().getScore();
      double error = r.getPrimaryResult().getScoreError();
      if (name.startsWith(MatmulCeilingBenchmark.class.getName())) {
        int n = Integer.parseInt(r.getParams().getParam("n"));
        ceiling = score * MatmulCeilingBenchmark.flops(n) / 1e9;
        continue;
      }
      List<Integer> key =
          List.of(
              Integer.parseInt(r.getParams().getParam("dim")),
              Integer.parseInt(r.getParams().getParam("tokens")),
              Integer.parseInt(r.getParams().getParam("batch")));
      rows.computeIfAbsent(key, k -> new TreeMap<>()).put(method, new double[] {score, error});
    }
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "ND4J sgemm 1024x1024 (ceiling): %.1f GFLOP/s; OMP_NUM_THREADS=%s%n%n",
            ceiling,
            System.getenv().getOrDefault("OMP_NUM_THREADS", "unset")));
    s.append(
        "| d | tokens (padded) | batch | batched ND4J sent/s | GFLOP/s | % of sgemm "
            + "| Java kernel sent/s | GFLOP/s | % of sgemm "
            + "| per-sentence ND4J sent/s | GFLOP/s | plain Java sent/s | GFLOP/s "
            + "| batched / per-sentence | batched / Java | Java kernel / batched |\n");
    s.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    double bestAt300 = Double.NaN;
    double bestKernelAt300 = Double.NaN;
    for (var e : rows.entrySet()) {
      int dim = e.getKey().get(0);
      int tokens = e.getKey().get(1);
      int batch = e.getKey().get(2);
      double flopsPerOp = new AttentionWorkload(batch, tokens, dim, 42).flops();
      Map<String, double[]> v = e.getValue();
      double batched = opsPerSecond(v, BATCHED);
      double kernel = opsPerSecond(v, JAVA_KERNEL);
      double kernelGflops = kernel * flopsPerOp / 1e9;
      if (dim == 300 && !(kernelGflops <= bestKernelAt300)) {
        bestKernelAt300 = kernelGflops;
      }
      double perSentence = opsPerSecond(v, PER_SENTENCE);
      double loop = opsPerSecond(v, LOOP);
      double batchedGflops = batched * flopsPerOp / 1e9;
      if (dim == 300 && !(batchedGflops <= bestAt300)) {
        bestAt300 = batchedGflops;
      }
      s.append(
          String.format(
              Locale.ROOT,
              "| %d | %d | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
              dim,
              tokens,
              batch,
              number(batched * batch),
              gflops(batchedGflops),
              percent(batchedGflops / ceiling),
              number(kernel * batch),
              gflops(kernelGflops),
              percent(kernelGflops / ceiling),
              number(perSentence * batch),
              gflops(perSentence * flopsPerOp / 1e9),
              number(loop * batch),
              gflops(loop * flopsPerOp / 1e9),
              ratio(batched / perSentence),
              ratio(batched / loop),
              ratio(kernel / batched)));
    }
    s.append(
        String.format(
            Locale.ROOT,
            "%nBest batched attention at d = 300: ND4J kernel %.1f GFLOP/s = %s of the sgemm "
                + "rate, Java kernel (the job's CPU default) %.1f GFLOP/s = %s (target: at least "
                + "30%%). FLOPs are useful work on real lengths (AttentionWorkload.flops); padded "
                + "rows are not counted. They are the textbook formulation's FLOPs: the batched "
                + "code pools as A(Hq) and (A^T alpha)^T H and never forms A H, so it executes "
                + "about half of them (H H^T is 2n^2 d of the 4n^2 d), and the Java kernel "
                + "computes H H^T's symmetric halves once, about a quarter; executed rates are "
                + "that much below the GFLOP/s shown.%n",
            bestAt300,
            percent(bestAt300 / ceiling),
            bestKernelAt300,
            percent(bestKernelAt300 / ceiling)));
    return s.toString();
  }

  private static int compare(List<Integer> a, List<Integer> b) {
    for (int i = 0; i < a.size(); i++) {
      int c = Integer.compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static double opsPerSecond(Map<String, double[]> v, String method) {
    double[] r = v.get(method);
    return r == null ? Double.NaN : r[0];
  }

  private static String number(double x) {
    return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%,.0f", x);
  }

  private static String gflops(double x) {
    return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.2f", x);
  }

  private static String percent(double x) {
    return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * x);
  }

  private static String ratio(double x) {
    return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.1fx", x);
  }
}
