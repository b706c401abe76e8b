package io.attnsum.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.function.Function;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;

/** What the JMH runners of this package share: run, print the markdown table, keep it. */
final class JmhReports {
  private JmhReports() {}

  /** Runs {@code options}; prints {@code table}'s report and writes it to {@code out}, if any. */
  static void run(Options options, Function<Collection<RunResult>, String> table, Path out)
      throws IOException, RunnerException {
    String report = table.apply(new Runner(options).run());
    System.out.println();
    System.out.println(report);
    if (out != null) {
      Files.writeString(out, report, StandardCharsets.UTF_8);
    }
  }

  /** The benchmark method's simple name. */
  static String method(RunResult r) {
    String name = r.getParams().getBenchmark();
    return name.substring(name.lastIndexOf('.') + 1);
  }
}
