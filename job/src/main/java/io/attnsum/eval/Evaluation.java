package io.attnsum.eval;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores the job's summaries as written and the baselines on the same documents and sentence
 * split; the baselines get the {@link KPolicy}'s k per document, and the written summaries are
 * checked against it (never re-selected). Pure Java: the caller reads gold and prediction files.
 */
public final class Evaluation {
  /** Name of the evaluated job in the report. */
  public static final String SYSTEM = "ATTNSUM";

  private static final Logger LOG = LoggerFactory.getLogger(Evaluation.class);

  /**
   * @param language {@code auto}, {@code en} or {@code zh}
   * @param stem Porter stemming for English (rouge-score's use_stemmer)
   */
  public record Options(
      KPolicy kPolicy, String language, boolean stem, int resamples, long seed) {}

  private final Options options;
  private final List<ExtractiveBaseline> baselines;
  private final RougeScorer english;
  private final RougeScorer chinese;

  public Evaluation(Options options, List<ExtractiveBaseline> baselines) {
    this.options = options;
    this.baselines = List.copyOf(baselines);
    this.english = new RougeScorer(new EnglishRougeTokenizer(options.stem()));
    this.chinese = new RougeScorer(new ChineseRougeTokenizer());
  }

  /** Baselines by their command-line names (lead, random, textrank, centroid, oracle). */
  public static ExtractiveBaseline baseline(String name, long seed) {
    return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "lead" -> new LeadBaseline();
      case "random" -> new RandomBaseline(seed);
      case "textrank" -> new TextRankBaseline();
      case "centroid" -> new CentroidBaseline();
      case "oracle" -> new OracleBaseline();
      default -> throw new IllegalArgumentException(
          "unknown baseline '" + name + "' (expected lead, random, textrank, centroid, oracle)");
    };
  }

  public EvalResult run(List<GoldDocument> gold, Map<String, PredictedDocument> predictions) {
    List<DocumentOutcome> outcomes = new ArrayList<>(gold.size());
    int missing = 0;
    Set<String> goldIds = new HashSet<>();
    for (GoldDocument g : gold) {
      goldIds.add(g.id());
      PredictedDocument p = predictions.get(g.id());
      if (p == null) {
        missing++;
      }
      outcomes.add(evaluate(g, p));
    }
    int unmatched = 0;
    for (String id : predictions.keySet()) {
      if (!goldIds.contains(id)) {
        unmatched++;
      }
    }
    if (missing > 0) {
      LOG.warn("{} of {} gold documents have no prediction; scored as empty summaries", missing,
          gold.size());
    }
    if (unmatched > 0) {
      LOG.warn("{} predicted documents have no gold row and are not scored", unmatched);
    }
    EvalResult.BudgetCheck check = budgetCheck(outcomes);
    if (check.mismatched() > 0) {
      LOG.warn("{} of {} written summaries have another sentence count than min(k, sentences)"
          + " with {} (e.g. {}): the run did not use the summary length this evaluation assumes;"
          + " its summaries are scored as written", check.mismatched(), check.checked(),
          options.kPolicy().describe(), check.firstMismatched());
    }
    List<String> names = systemNames();
    List<SystemResult> systems = new ArrayList<>();
    for (String name : names) {
      systems.add(aggregate(name, outcomes));
    }
    return new EvalResult(systems, outcomes, missing, unmatched, options.kPolicy(), check,
        tokenizationDescription(), options.resamples(), options.seed());
  }

  private EvalResult.BudgetCheck budgetCheck(List<DocumentOutcome> outcomes) {
    int checked = 0;
    List<String> mismatched = new ArrayList<>();
    if (options.kPolicy().checks()) {
      for (DocumentOutcome o : outcomes) {
        if (o.prediction() != null) {
          checked++;
          if (o.budgetMismatch()) {
            mismatched.add(o.id());
          }
        }
      }
    }
    return new EvalResult.BudgetCheck(checked, mismatched.size(),
        List.copyOf(mismatched.subList(0, Math.min(EvalResult.BudgetCheck.EXAMPLES,
            mismatched.size()))));
  }

  /** Report order: baselines, the system before the oracle, so it sits between LEAD and ORACLE. */
  List<String> systemNames() {
    List<String> names = new ArrayList<>();
    for (ExtractiveBaseline b : baselines) {
      if (!(b instanceof OracleBaseline)) {
        names.add(b.name());
      }
    }
    names.add(SYSTEM);
    for (ExtractiveBaseline b : baselines) {
      if (b instanceof OracleBaseline) {
        names.add(b.name());
      }
    }
    return names;
  }

  private String tokenizationDescription() {
    return switch (options.language()) {
      case "en" -> english.tokenizer().describe();
      case "zh" -> chinese.tokenizer().describe();
      default -> "en: " + english.tokenizer().describe() + "; zh: "
          + chinese.tokenizer().describe();
    };
  }

  String languageOf(GoldDocument g, PredictedDocument p) {
    if (!options.language().equals("auto")) {
      return options.language();
    }
    if (p != null && p.language() != null) {
      return p.language();
    }
    return looksChinese(String.join("", g.references())) ? "zh" : "en";
  }

  /** True when over 30% of the letters are CJK characters. */
  static boolean looksChinese(String text) {
    int letters = 0;
    int cjk = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (Character.isLetter(cp)) {
        letters++;
        if (ChineseRougeTokenizer.isCjk(cp)) {
          cjk++;
        }
      }
      i += Character.charCount(cp);
    }
    return letters > 0 && cjk > 0.3 * letters;
  }

  DocumentOutcome evaluate(GoldDocument g, PredictedDocument p) {
    String language = languageOf(g, p);
    RougeScorer scorer = language.equals("zh") ? chinese : english;
    List<String> sentences = new ArrayList<>();
    List<List<String>> tokens = new ArrayList<>();
    if (p != null) {
      for (PredictedSentence s : p.sentences()) {
        String oneLine = s.text().replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
        sentences.add(oneLine);
        tokens.add(scorer.tokenizer().tokenize(oneLine));
      }
    }
    List<List<List<String>>> refTokens = new ArrayList<>();
    for (String r : g.references()) {
      refTokens.add(scorer.tokenizeSentences(r));
    }
    EvalDocument doc = new EvalDocument(g.id(), List.copyOf(sentences), List.copyOf(tokens),
        g.references(), List.copyOf(refTokens));
    int[] written = p == null ? new int[0] : writtenSelection(p);
    int k = options.kPolicy().k(g, sentences.size(), written.length);
    boolean mismatch = p != null && options.kPolicy().checks()
        && written.length != Math.min(k, sentences.size());

    Map<String, int[]> selections = new LinkedHashMap<>();
    Map<String, RougeScores> scores = new LinkedHashMap<>();
    for (ExtractiveBaseline b : baselines) {
      int[] chosen = p == null ? new int[0] : b.select(doc, k);
      selections.put(b.name(), chosen);
      scores.put(b.name(), scorer.scoreMultiTokens(refTokens, pick(tokens, chosen)));
    }
    selections.put(SYSTEM, written);
    if (p != null && p.summary() != null) {
      // The job's summary exactly as written, one sentence per line.
      scores.put(SYSTEM, scorer.scoreMulti(g.references(), p.summary()));
    } else {
      // No summaries row (or no prediction at all): the sentences the job marked selected.
      scores.put(SYSTEM, scorer.scoreMultiTokens(refTokens, pick(tokens, written)));
    }
    return new DocumentOutcome(g.id(), language, k, mismatch, doc, p, selections, scores);
  }

  /** Positions (in the document's sentence list, sorted by index) of the job's selected sentences. */
  static int[] writtenSelection(PredictedDocument p) {
    List<PredictedSentence> all = p.sentences();
    int count = 0;
    for (PredictedSentence s : all) {
      count += s.selected() ? 1 : 0;
    }
    int[] out = new int[count];
    for (int i = 0, j = 0; i < all.size(); i++) {
      if (all.get(i).selected()) {
        out[j++] = i;
      }
    }
    return out;
  }

  private static List<List<String>> pick(List<List<String>> tokens, int[] indices) {
    List<List<String>> out = new ArrayList<>(indices.length);
    for (int i : indices) {
      out.add(tokens.get(i));
    }
    return out;
  }

  private SystemResult aggregate(String name, List<DocumentOutcome> outcomes) {
    int n = outcomes.size();
    Map<RougeMetric, SystemResult.Prf> metrics = new EnumMap<>(RougeMetric.class);
    double[] r1 = new double[n];
    for (RougeMetric m : RougeMetric.values()) {
      double[] p = new double[n];
      double[] r = new double[n];
      double[] f = new double[n];
      for (int i = 0; i < n; i++) {
        RougeScore s = outcomes.get(i).scores().get(name).get(m);
        p[i] = s.precision();
        r[i] = s.recall();
        f[i] = s.f1();
      }
      if (m == RougeMetric.ROUGE1) {
        System.arraycopy(f, 0, r1, 0, n);
      }
      // Same seed for every metric and system: paired resamples of the same documents.
      metrics.put(m, new SystemResult.Prf(
          BootstrapInterval.of(p, options.resamples(), options.seed()),
          BootstrapInterval.of(r, options.resamples(), options.seed()),
          BootstrapInterval.of(f, options.resamples(), options.seed())));
    }
    return new SystemResult(name, metrics, r1);
  }
}
