package io.attnsum.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parsed command line of {@code attnsum eval}; {@link #parse} throws on bad usage.
 *
 * @param writeInput with {@code --write-input}: where to write the job's input with the
 *     reference's sentence count per document (then nothing is scored); else null
 */
public record EvalArguments(
    Path gold,
    Path pred,
    Path out,
    List<String> baselines,
    KPolicy kPolicy,
    String language,
    long seed,
    int sampleDocs,
    boolean stem,
    GoldReader.References references,
    int resamples,
    Path writeInput) {

  public static final String USAGE = String.join("\n",
      "usage: attnsum eval --gold FILE --pred OUTPUT_DIR --out REPORT_DIR [options]",
      "       attnsum eval --gold FILE --write-input FILE",
      "Scores the run's summaries table as written, next to extractive baselines.",
      "  --gold FILE            gold JSON Lines: id, summary (or summaries: several references)",
      "  --pred DIR             a run directory (run_id=...) or an output.path holding run_id=*",
      "  --out DIR              where report.json and report.html are written",
      "  --baselines LIST       comma-separated subset of lead,random,textrank,centroid,oracle",
      "                         (default: all)",
      "  --k N                  baselines take min(N, sentences) per document, and every written",
      "                         summary of another length is counted (the budget check)",
      "  --k-from-reference     the same with k = the reference's sentence count per document",
      "  --k-ratio R            the same with k = max(1, ceil(R x sentence count)) per document",
      "                         (none of the three: baselines take the job's count per document)",
      "  --write-input FILE     write the gold rows with " + ReferenceLengthInput.FIELD
          + " (the reference's",
      "                         sentence count) added, the job's input for",
      "                         input.summary-sentences-field = " + ReferenceLengthInput.FIELD
          + ", and exit",
      "  --lang auto|en|zh      ROUGE tokenization (default auto: the run's language column)",
      "  --no-stem              no Porter stemming for English (default: stemming, as rouge-score)",
      "  --references all|first score against all references (max per metric) or the first",
      "  --seed N               random baseline, bootstrap and sample seed (default 42)",
      "  --resamples N          bootstrap resamples (default 1000)",
      "  --sample-docs N        documents shown in report.html (default 20)");

  /** Bad command line; the message says what to change. */
  public static final class UsageException extends Exception {
    public UsageException(String message) {
      super(message);
    }
  }

  public static EvalArguments parse(String[] args) throws UsageException {
    Path gold = null;
    Path pred = null;
    Path out = null;
    List<String> baselines = List.of("lead", "random", "textrank", "centroid", "oracle");
    KPolicy k = null;
    String lang = "auto";
    long seed = 42;
    int sample = 20;
    boolean stem = true;
    GoldReader.References refs = GoldReader.References.ALL;
    int resamples = 1000;
    Path writeInput = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--gold" -> gold = Path.of(value(args, ++i, a));
        case "--pred" -> pred = Path.of(value(args, ++i, a));
        case "--out" -> out = Path.of(value(args, ++i, a));
        case "--write-input" -> writeInput = Path.of(value(args, ++i, a));
        case "--baselines" -> {
          List<String> list = new ArrayList<>();
          for (String b : value(args, ++i, a).split(",")) {
            if (!b.isBlank()) {
              try {
                Evaluation.baseline(b, 0);
              } catch (IllegalArgumentException e) {
                throw new UsageException("--baselines: " + e.getMessage());
              }
              list.add(b.trim().toLowerCase(Locale.ROOT));
            }
          }
          baselines = List.copyOf(list);
        }
        case "--k" -> k = once(k, new KPolicy.Fixed(positiveInt(value(args, ++i, a), a)));
        case "--k-from-reference" -> k = once(k, new KPolicy.FromReference());
        case "--k-ratio" -> {
          String v = value(args, ++i, a);
          double r;
          try {
            r = Double.parseDouble(v);
          } catch (NumberFormatException e) {
            r = Double.NaN;
          }
          if (!(r > 0 && r <= 1)) {
            throw new UsageException("--k-ratio expects a number in (0, 1], got '" + v + "'");
          }
          k = once(k, new KPolicy.Ratio(r));
        }
        case "--lang" -> {
          lang = value(args, ++i, a);
          if (!List.of("auto", "en", "zh").contains(lang)) {
            throw new UsageException("--lang expects auto, en or zh, got '" + lang + "'");
          }
        }
        case "--no-stem" -> stem = false;
        case "--references" -> {
          String v = value(args, ++i, a);
          refs = switch (v) {
            case "all" -> GoldReader.References.ALL;
            case "first" -> GoldReader.References.FIRST;
            default -> throw new UsageException("--references expects all or first, got '" + v
                + "'");
          };
        }
        case "--seed" -> {
          String v = value(args, ++i, a);
          try {
            seed = Long.parseLong(v);
          } catch (NumberFormatException e) {
            throw new UsageException("--seed expects an integer, got '" + v + "'");
          }
        }
        case "--resamples" -> resamples = positiveInt(value(args, ++i, a), a);
        case "--sample-docs" -> {
          String v = value(args, ++i, a);
          try {
            sample = Integer.parseInt(v);
          } catch (NumberFormatException e) {
            sample = -1;
          }
          if (sample < 0) {
            throw new UsageException("--sample-docs expects a count >= 0, got '" + v + "'");
          }
        }
        default -> throw new UsageException("unknown argument '" + a + "'");
      }
    }
    if (writeInput != null) {
      if (gold == null || pred != null || out != null) {
        throw new UsageException("--write-input takes --gold only: it writes the job's input and"
            + " scores nothing");
      }
    } else if (gold == null || pred == null || out == null) {
      throw new UsageException("--gold, --pred and --out are required");
    }
    return new EvalArguments(gold, pred, out, baselines, k == null ? new KPolicy.AsPredicted() : k,
        lang, seed, sample, stem, refs, resamples, writeInput);
  }

  private static KPolicy once(KPolicy current, KPolicy next) throws UsageException {
    if (current != null) {
      throw new UsageException("give only one of --k, --k-from-reference, --k-ratio");
    }
    return next;
  }

  private static String value(String[] args, int i, String flag) throws UsageException {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new UsageException(flag + " needs a value");
    }
    return args[i];
  }

  private static int positiveInt(String v, String flag) throws UsageException {
    try {
      int n = Integer.parseInt(v);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(flag + " expects a positive integer, got '" + v + "'");
  }
}
