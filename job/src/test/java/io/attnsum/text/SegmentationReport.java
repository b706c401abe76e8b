package io.attnsum.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attnsum.testing.TestSettings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Measures the text stage on the shared data sets (not a test: prints a report).
 *
 * <ul>
 *   <li>sentence-boundary precision and recall against the {@code sentences} of {@code
 *       scitldr.dev.jsonl} and the {@code body_sentences} of {@code bbc.dev.jsonl} (a regex split,
 *       so only a rough reference), over all documents and over those without hard-wrapped lines;
 *   <li>single-thread segmentation + tokenization throughput per language, in MB/s of UTF-8 text;
 *   <li>with {@code --show-zh N}, the sentences and tokens of the first N/2 documents of each
 *       Chinese set, for reading; with {@code --errors N}, up to N boundary disagreements per set
 *       (in documents without hard-wrapped lines).
 * </ul>
 *
 * <p>Run from the repository root (the data directory defaults to {@code ../shared/data}):
 *
 * <pre>
 * mvn -q -o -pl job test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * java -cp job/target/test-classes:job/target/classes:$(cat job/target/test.classpath) \
 *     io.attnsum.text.SegmentationReport ../shared/data [--errors 40] [--show-zh 20]
 * </pre>
 */
public final class SegmentationReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A line break inside a sentence (followed by a lowercase letter): SciTLDR's reference splits
   * such abstracts at every line break, the splitter joins the lines, so these documents are also
   * reported apart.
   */
  private static final Pattern HARD_WRAP = Pattern.compile("\\S[ \\t]*\\n[ \\t]*\\p{Ll}");

  public static void main(String[] args) throws IOException {
    Path data = Path.of("../shared/data");
    int showZh = 0;
    int errors = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--show-zh" -> showZh = Integer.parseInt(args[++i]);
        case "--errors" -> errors = Integer.parseInt(args[++i]);
        default -> data = Path.of(args[i]);
      }
    }
    TextSettings settings = TestSettings.text("text.max-sentences=100000");
    DocumentAnalyzer analyzer = new DocumentAnalyzer(settings);

    System.out.println("== Sentence boundaries (precision / recall of sentence starts)");
    boundaries(analyzer, data.resolve("scitldr.dev.jsonl"), "sentences", errors);
    boundaries(analyzer, data.resolve("bbc.dev.jsonl"), "body_sentences", errors);

    System.out.println();
    System.out.println("== Throughput, one thread, segmentation + tokenization");
    List<String> raw = new ArrayList<>();
    raw.addAll(texts(data.resolve("bbc.dev.jsonl")));
    raw.addAll(texts(data.resolve("scitldr.dev.jsonl")));
    List<String> ptb = texts(data.resolve("cnndm.dev.jsonl"));
    List<String> zh = new ArrayList<>();
    zh.addAll(texts(data.resolve("cail2020_zh.dev.jsonl")));
    zh.addAll(texts(data.resolve("lcsts_zh.dev.jsonl")));
    throughput("en (bbc + scitldr, raw text)", analyzer, raw);
    throughput("en (cnndm, tokenized)", analyzer, ptb);
    throughput("zh (cail2020 + lcsts), words", analyzer, zh);
    TextSettings chars = TestSettings.text("text.max-sentences=100000", "text.zh.tokens=chars");
    throughput("zh (cail2020 + lcsts), chars", new DocumentAnalyzer(chars), zh);

    if (showZh > 0) {
      System.out.println();
      System.out.println("== Chinese documents");
      for (String file : List.of("cail2020_zh.dev.jsonl", "lcsts_zh.dev.jsonl")) {
        List<String> docs = texts(data.resolve(file));
        for (int d = 0; d < Math.min(docs.size(), (showZh + 1) / 2); d++) {
          AnalyzedDocument doc = analyzer.analyze(file + "#" + d, docs.get(d));
          System.out.println("-- " + doc.id() + " " + doc.language());
          for (Sentence s : doc.sentences()) {
            System.out.println("  [" + s.text() + "]");
            System.out.println("     " + String.join(" ", s.tokens()));
          }
        }
      }
    }
  }

  private static void boundaries(DocumentAnalyzer analyzer, Path file, String field, int errors)
      throws IOException {
    // [all documents, documents without hard-wrapped lines]: true positives, predicted, reference,
    // documents, documents with exactly the reference's boundaries.
    long[][] counts = new long[2][5];
    int shown = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      JsonNode row = JSON.readTree(line);
      String text = row.get("text").asText();
      List<Integer> refStarts = new ArrayList<>();
      int pos = 0;
      int regionEnd = 0;
      for (JsonNode s : row.get(field)) {
        String sentence = s.asText().strip();
        int at = text.indexOf(sentence, pos);
        if (at < 0) {
          throw new IllegalStateException(row.get("id").asText() + ": sentence not found");
        }
        refStarts.add(at);
        pos = at + sentence.length();
        regionEnd = pos;
      }
      int regionStart = refStarts.get(0);
      Set<Integer> ref = new HashSet<>(refStarts.subList(1, refStarts.size()));
      Set<Integer> pred = new HashSet<>();
      AnalyzedDocument doc = analyzer.analyze(row.get("id").asText(), text);
      for (Sentence s : doc.sentences()) {
        if (s.start() > regionStart && s.start() < regionEnd) {
          pred.add(s.start());
        }
      }
      Set<Integer> hit = new HashSet<>(pred);
      hit.retainAll(ref);
      boolean hardWrapped = HARD_WRAP.matcher(text).find();
      for (int set = 0; set < (hardWrapped ? 1 : 2); set++) {
        counts[set][0] += hit.size();
        counts[set][1] += pred.size();
        counts[set][2] += ref.size();
        counts[set][3]++;
        counts[set][4] += pred.equals(ref) ? 1 : 0;
      }
      if (!pred.equals(ref) && !hardWrapped && shown < errors) {
        for (int p : pred) {
          if (!ref.contains(p) && shown++ < errors) {
            System.out.println("  extra split:  ..." + context(text, p));
          }
        }
        for (int r : ref) {
          if (!pred.contains(r) && shown++ < errors) {
            System.out.println("  missed split: ..." + context(text, r));
          }
        }
      }
    }
    String[] labels = {"all", "not hard-wrapped"};
    for (int set = 0; set < 2; set++) {
      long[] c = counts[set];
      System.out.printf(
          Locale.ROOT,
          "%-18s %-17s %5d docs %6d boundaries  precision %.4f  recall %.4f  F1 %.4f"
              + "  documents exact %.3f%n",
          file.getFileName(),
          labels[set],
          c[3],
          c[2],
          c[0] / (double) c[1],
          c[0] / (double) c[2],
          2.0 * c[0] / (c[1] + c[2]),
          c[4] / (double) c[3]);
    }
  }

  private static String context(String text, int at) {
    String left = text.substring(Math.max(0, at - 50), at);
    String right = text.substring(at, Math.min(text.length(), at + 30));
    return (left + " ‖ " + right).replace("\n", "\\n");
  }

  /**
   * MB of UTF-8 text per second of this thread's CPU time (so that other processes on a shared
   * machine do not count), and per second of wall time for comparison.
   */
  private static void throughput(String label, DocumentAnalyzer analyzer, List<String> texts) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long bytes = 0;
    for (String t : texts) {
      bytes += t.getBytes(StandardCharsets.UTF_8).length;
    }
    // Warm up (JIT, ICU and SmartCN data), then time whole passes for at least five CPU seconds.
    long sentences = 0;
    for (int pass = 0; pass < 3; pass++) {
      for (String t : texts) {
        analyzer.analyze("w", t);
      }
    }
    long passes = 0;
    long wall0 = System.nanoTime();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long cpu;
    do {
      for (String t : texts) {
        sentences += analyzer.analyze("t", t).sentences().size();
      }
      passes++;
      cpu = threads.getCurrentThreadCpuTime() - cpu0;
    } while (cpu < 5_000_000_000L);
    double wall = (System.nanoTime() - wall0) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%-30s %6.2f MB/s per CPU second (%5.2f MB/s wall)  %d docs, %.2f MB, %d sentences%n",
        label,
        bytes * passes / (cpu / 1e9) / 1e6,
        bytes * passes / wall / 1e6,
        texts.size(),
        bytes / 1e6,
        sentences / passes);
  }

  private static List<String> texts(Path file) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      out.add(JSON.readTree(line).get("text").asText());
    }
    return out;
  }
}
