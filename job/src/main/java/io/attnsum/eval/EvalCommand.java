package io.attnsum.eval;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code attnsum eval}: scores a run's summaries, as written, and baselines against gold
 * references and writes {@code report.json} and {@code report.html} under {@code --out}; prints
 * the ROUGE table. With {@code --write-input} it writes the job's input with each reference's
 * sentence count instead ({@link ReferenceLengthInput}). Exit codes: 0 ok, 1 unreadable input or
 * output, 2 bad usage.
 */
public final class EvalCommand {
  private static final Logger LOG = LoggerFactory.getLogger(EvalCommand.class);

  private EvalCommand() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String[] args) {
    return run(args, System.out, System.err);
  }

  static int run(String[] args, PrintStream stdout, PrintStream stderr) {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      stdout.println(EvalArguments.USAGE);
      return 0;
    }
    EvalArguments a;
    try {
      a = EvalArguments.parse(args);
    } catch (EvalArguments.UsageException e) {
      stderr.println("attnsum eval: " + e.getMessage());
      stderr.println(EvalArguments.USAGE);
      return 2;
    }
    if (!Files.isRegularFile(a.gold())) {
      stderr.println("attnsum eval: --gold " + a.gold() + " is not a readable file");
      return 2;
    }
    if (a.writeInput() != null) {
      try {
        int rows = new ReferenceLengthInput().write(a.gold(), a.writeInput());
        stdout.println("wrote " + rows + " rows with " + ReferenceLengthInput.FIELD + " to "
            + a.writeInput());
        return 0;
      } catch (IOException | RuntimeException e) {
        LOG.error("attnsum eval --write-input failed", e);
        stderr.println("attnsum eval: " + e.getMessage());
        return 1;
      }
    }
    try {
      long start = System.nanoTime();
      List<GoldDocument> gold = new GoldReader().read(a.gold(), a.references());
      PredictionRun run = new PredictionReader().read(a.pred());
      stdout.println("evaluating run " + run.runDirectory() + " (" + run.format() + ") against "
          + a.gold() + " (" + gold.size() + " documents)");
      List<ExtractiveBaseline> baselines = new ArrayList<>();
      for (String b : a.baselines()) {
        baselines.add(Evaluation.baseline(b, a.seed()));
      }
      Evaluation evaluation = new Evaluation(
          new Evaluation.Options(a.kPolicy(), a.language(), a.stem(), a.resamples(), a.seed()),
          baselines);
      EvalResult result = evaluation.run(gold, run.documents());
      double seconds = (System.nanoTime() - start) / 1e9;
      LOG.info("Evaluated {} documents, {} systems in {} s", gold.size(),
          result.systems().size(), String.format(java.util.Locale.ROOT, "%.2f", seconds));
      ReportJsonWriter.Provenance provenance = new ReportJsonWriter.Provenance(
          a.gold().toAbsolutePath().toString(), run.runDirectory().toAbsolutePath().toString(),
          run.format(), run.manifest(),
          a.references() == GoldReader.References.ALL
              ? "all references (max per metric)" : "first reference only",
          seconds);
      Files.createDirectories(a.out());
      new ReportJsonWriter().write(a.out().resolve("report.json"), result, provenance);
      new ReportHtmlWriter().write(a.out().resolve("report.html"), result, provenance,
          a.sampleDocs());
      stdout.print(RougeTable.format(result));
      stdout.println("report: " + a.out().resolve("report.html"));
      stdout.flush();
      if (result.budgetCheck().mismatched() > 0) {
        stderr.println("attnsum eval: WARNING: " + result.describeBudgetCheck() + " (e.g. "
            + String.join(", ", result.budgetCheck().firstMismatched()) + "): the run did not"
            + " summarize to the length this evaluation assumes; its summaries are scored as"
            + " written");
      }
      return 0;
    } catch (IOException | RuntimeException e) {
      LOG.error("attnsum eval failed", e);
      stderr.println("attnsum eval: " + e.getMessage());
      return 1;
    }
  }
}
