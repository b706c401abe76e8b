package io.attnsum.rank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attnsum.attention.AttentionPooler;
import io.attnsum.attention.AttentionSettings;
import io.attnsum.attention.PooledSentences;
import io.attnsum.eval.ChineseRougeTokenizer;
import io.attnsum.eval.EnglishRougeTokenizer;
import io.attnsum.eval.EvalDocument;
import io.attnsum.eval.ExtractiveBaseline;
import io.attnsum.eval.GoldDocument;
import io.attnsum.eval.GoldReader;
import io.attnsum.eval.KPolicy;
import io.attnsum.eval.LeadBaseline;
import io.attnsum.eval.RougeScorer;
import io.attnsum.eval.RougeScores;
import io.attnsum.eval.TextRankBaseline;
import io.attnsum.testing.TestSettings;
import io.attnsum.text.AnalyzedDocument;
import io.attnsum.text.DocumentAnalyzer;
import io.attnsum.text.Language;
import io.attnsum.text.Sentence;
import io.attnsum.vectors.VectorFiles;
import io.attnsum.vectors.VectorFormat;
import io.attnsum.vectors.VectorPack;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.models.word2vec.Word2Vec;
import org.deeplearning4j.text.sentenceiterator.CollectionSentenceIterator;
import org.deeplearning4j.text.tokenization.tokenizerfactory.DefaultTokenizerFactory;

/**
 * Tuning harness (not a test, not the official eval): ranks a shared dev set with in-process
 * Word2Vec vectors and prints ROUGE-1/2 F1 with the eval package's {@link RougeScorer} (rouge-score
 * conventions, Porter stemming for English, characters for Chinese, max over references) for
 * LEAD-k, TextRank ({@link TextRankBaseline}) and each configuration variant. Uses the datasets'
 * own sentence splits (cnndm: the " . " tokens; bbc: {@code body_sentences}, title excluded;
 * scitldr: {@code sentences}; cail2020_zh: split after 。！？；), so numbers can differ slightly
 * from {@code scripts/eval.sh}, which uses the job's segmenter.
 *
 * <p>OURS-RANK is the summary the official eval scores (top k by {@code rank}, document order);
 * OURS-SEL is the job's own selection (MMR or trigram blocking).
 *
 * <p>Usage: {@code RankingExperiment <cnndm|bbc|scitldr|cail2020_zh> <limit> [variant ...]} where
 * a variant is a comma-separated list of {@code key=value} overrides of reference.conf ("" =
 * defaults).
 */
public final class RankingExperiment {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ChineseRougeTokenizer CHINESE = new ChineseRougeTokenizer();

  record Example(AnalyzedDocument doc, EvalDocument eval, int k) {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("job")) {
      onJobSegmentation(Arrays.asList(args).subList(1, args.length));
      return;
    }
    String set = args[0];
    int limit = Integer.parseInt(args[1]);
    List<String> variants = args.length > 2 ? Arrays.asList(args).subList(2, args.length) : List.of("");
    Path data = Path.of(System.getProperty("attnsum.shared.data", "/work/shared/data"));
    RougeScorer scorer = new RougeScorer(
        set.endsWith("_zh") ? new ChineseRougeTokenizer() : new EnglishRougeTokenizer(true));
    List<Example> examples = read(data.resolve(set + ".dev.jsonl"), set, limit, scorer);
    VectorPack pack = vectors(set, examples);
    List<AnalyzedDocument> docs = examples.stream().map(Example::doc).toList();

    for (ExtractiveBaseline baseline : List.of(new LeadBaseline(), new TextRankBaseline())) {
      double[] acc = new double[2];
      for (Example e : examples) {
        add(acc, rouge(scorer, e, baseline.select(e.eval(), e.k())));
      }
      System.out.printf(Locale.ROOT, "%s n=%d %-10s R1 %.2f R2 %.2f%n", set, examples.size(),
          baseline.name(), 100 * acc[0] / examples.size(), 100 * acc[1] / examples.size());
    }

    Map<String, List<PooledSentences>> pooledByAttention = new HashMap<>();
    for (String variant : variants) {
      Variant v = Variant.parse(variant);
      AttentionSettings attention = TestSettings.attention(v.overrides().toArray(String[]::new));
      Map<Integer, RankSettings> rankByK = new HashMap<>();
      long t0 = System.nanoTime();
      List<PooledSentences> pooled =
          pooledByAttention.computeIfAbsent(
              v.attentionKey(), key -> poolInChunks(attention, pack, docs));
      long t1 = System.nanoTime();
      double[] byRank = new double[2];
      double[] bySelection = new double[2];
      for (int d = 0; d < examples.size(); d++) {
        Example e = examples.get(d);
        DocumentSummary s;
        try (DocumentSummarizer summarizer =
            new DocumentSummarizer(attention,
                rankByK.computeIfAbsent(e.k(), k -> rankSettings(v.overrides(), k)), pack)) {
          s = summarizer.summarize(e.doc(), pooled.get(d));
        }
        add(bySelection, rouge(scorer, e, s.selected()));
        add(byRank, rouge(scorer, e, topByRank(s, e.k())));
      }
      long t2 = System.nanoTime();
      System.out.printf(Locale.ROOT,
          "%s n=%d OURS-RANK  R1 %.2f R2 %.2f  OURS-SEL R1 %.2f R2 %.2f  pool %d ms rank %d ms  [%s]%n",
          set, examples.size(), 100 * byRank[0] / examples.size(), 100 * byRank[1] / examples.size(),
          100 * bySelection[0] / examples.size(), 100 * bySelection[1] / examples.size(),
          (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, variant);
    }
  }

  /**
   * {@code job <set> <vectors file> [variant ...]}: as {@code scripts/eval.sh} sees a set: the
   * job's own text stage ({@link DocumentAnalyzer}, default text settings) on the raw text, the
   * vectors a job run trained and saved ({@code <output.path>/_vectors/*.txt}, counts from this
   * corpus as the vectors stage computes them), the job's k ({@code summary.sentences} as eval.sh
   * sets it) for the position prior, and the eval's k policy and top-k-by-rank re-selection.
   */
  static void onJobSegmentation(List<String> args) throws Exception {
    String set = args.get(0);
    Path vectorsFile = Path.of(args.get(1));
    List<String> variants = args.size() > 2 ? args.subList(2, args.size()) : List.of("");
    Path data = Path.of(System.getProperty("attnsum.shared.data", "/work/shared/data"));
    Path file = data.resolve(set + ".dev.jsonl");
    boolean chinese = set.endsWith("_zh");
    RougeScorer scorer =
        new RougeScorer(chinese ? new ChineseRougeTokenizer() : new EnglishRougeTokenizer(true));
    int jobK = switch (set) {
      case "cnndm" -> 3;
      case "bbc" -> 10;
      case "cail2020_zh" -> 8;
      default -> 1;
    };
    KPolicy kPolicy = switch (set) {
      case "cnndm" -> new KPolicy.Fixed(3);
      case "bbc" -> new KPolicy.FromReference();
      case "cail2020_zh" -> new KPolicy.Ratio(Double.parseDouble(System.getProperty("exp.ratio", "0.35")));
      default -> new KPolicy.Fixed(1);
    };
    List<GoldDocument> gold = new GoldReader().read(file, GoldReader.References.ALL);
    Map<String, String> texts = new HashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        JsonNode row = JSON.readTree(line);
        texts.put(row.get("id").asText(), row.get("text").asText());
      }
    }
    DocumentAnalyzer analyzer = new DocumentAnalyzer(TestSettings.text());
    List<Example> examples = new ArrayList<>();
    Map<String, Long> counts = new HashMap<>();
    for (GoldDocument g : gold) {
      AnalyzedDocument doc = analyzer.analyze(g.id(), texts.get(g.id()));
      List<String> sentences = new ArrayList<>();
      List<List<String>> tokens = new ArrayList<>();
      for (Sentence s : doc.sentences()) {
        String oneLine = s.text().replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
        sentences.add(oneLine);
        tokens.add(scorer.tokenizer().tokenize(oneLine));
        for (String t : s.tokens()) {
          counts.merge(t, 1L, Long::sum);
        }
      }
      List<List<List<String>>> refTokens = new ArrayList<>();
      for (String r : g.references()) {
        refTokens.add(scorer.tokenizeSentences(r));
      }
      EvalDocument eval = new EvalDocument(g.id(), sentences, tokens, g.references(), refTokens);
      examples.add(new Example(doc, eval, kPolicy.k(g, sentences.size(), 0)));
    }
    VectorPack trained = VectorFiles.read(vectorsFile, VectorFormat.AUTO, counts.keySet());
    // Rows by descending corpus count, then word: the order the vectors stage packs them in.
    Integer[] order = new Integer[trained.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, java.util.Comparator.comparingLong(
        (Integer i) -> -counts.get(trained.word(i))).thenComparing(trained::word));
    int dim = trained.dim();
    String[] words = new String[order.length];
    long[] rowCounts = new long[order.length];
    float[] vectors = new float[order.length * dim];
    for (int r = 0; r < order.length; r++) {
      words[r] = trained.word(order[r]);
      rowCounts[r] = counts.get(words[r]);
      trained.copyRow(order[r], vectors, r * dim);
    }
    VectorPack pack = new VectorPack(words, vectors, dim, rowCounts);
    List<AnalyzedDocument> docs = examples.stream().map(Example::doc).toList();
    int n = examples.size();
    for (ExtractiveBaseline baseline : List.of(new LeadBaseline(), new TextRankBaseline())) {
      double[] acc = new double[2];
      for (Example e : examples) {
        add(acc, rouge(scorer, e, baseline.select(e.eval(), e.k())));
      }
      System.out.printf(Locale.ROOT, "%s n=%d %-10s R1 %.2f R2 %.2f%n", set, n,
          baseline.name(), 100 * acc[0] / n, 100 * acc[1] / n);
    }
    Map<String, List<PooledSentences>> pooledByAttention = new HashMap<>();
    if (System.getProperty("leadDiag") != null) {
      AttentionSettings attention = TestSettings.attention();
      RankSettings rank = rankSettings(List.of(), jobK);
      List<PooledSentences> pooled = poolInChunks(attention, pack, docs);
      LexicalSimilarity lexical = new LexicalSimilarity(pack, rank.lexicalSifA(), rank.lexicalHan());
      CentralityRanker ranker = new CentralityRanker(rank);
      double[][] bins = new double[5][3];
      for (int d = 0; d < n; d++) {
        Example e = examples.get(d);
        PooledSentences p = pooled.get(d);
        int m = e.doc().sentences().size();
        if (m < 2) {
          continue;
        }
        SentenceGraph g = SentenceGraphs.of(p.vectors(), m, p.dim())
            .blend(lexical.cosine(e.doc().sentences(), null), rank.lexicalWeight());
        double[] pi = ranker.stationary(g);
        double l = CentralityRanker.leadCentrality(pi, jobK);
        int b = Math.min(4, (int) (l * 5));
        double[] leadR = rouge(scorer, e, new LeadBaseline().select(e.eval(), e.k()));
        double[] trR = rouge(scorer, e, new TextRankBaseline().select(e.eval(), e.k()));
        bins[b][0]++;
        bins[b][1] += leadR[0];
        bins[b][2] += trR[0];
      }
      for (int b = 0; b < 5; b++) {
        System.out.printf(Locale.ROOT, "%s lead-percentile [%.1f,%.1f) docs %4d LEAD R1 %.2f TEXTRANK R1 %.2f%n",
            set, b / 5.0, (b + 1) / 5.0, (int) bins[b][0], 100 * bins[b][1] / bins[b][0],
            100 * bins[b][2] / bins[b][0]);
      }
    }
    for (String variant : variants) {
      Variant v = Variant.parse(variant);
      AttentionSettings attention = TestSettings.attention(v.overrides().toArray(String[]::new));
      RankSettings rank = rankSettings(v.overrides(), jobK);
      List<PooledSentences> pooled =
          pooledByAttention.computeIfAbsent(
              v.attentionKey(), key -> poolInChunks(attention, pack, docs));
      double[] byRank = new double[2];
      try (DocumentSummarizer summarizer = new DocumentSummarizer(attention, rank, pack)) {
        for (int d = 0; d < n; d++) {
          Example e = examples.get(d);
          DocumentSummary s = summarizer.summarize(e.doc(), pooled.get(d));
          add(byRank, rouge(scorer, e, topByRank(s, e.k())));
        }
      }
      System.out.printf(Locale.ROOT, "%s n=%d ATTNSUM    R1 %.2f R2 %.2f  [%s]%n",
          set, n, 100 * byRank[0] / n, 100 * byRank[1] / n, variant);
    }
  }

  /** A variant's rank settings with {@code summary.sentences = k}. */
  private static RankSettings rankSettings(List<String> overrides, int k) {
    List<String> sets = new ArrayList<>(overrides);
    sets.add("summary.sentences=" + k);
    return TestSettings.rank(sets.toArray(String[]::new));
  }

  /**
   * One variant: its {@code key=value} overrides, and the attention ones alone as the key under
   * which pooled vectors are shared between variants that differ only in rank settings.
   */
  private record Variant(List<String> overrides, String attentionKey) {
    static Variant parse(String variant) {
      List<String> overrides = new ArrayList<>();
      List<String> attention = new ArrayList<>();
      for (String kv : variant.split(",")) {
        if (!kv.isBlank()) {
          overrides.add(kv.trim());
          if (kv.trim().startsWith("attention.")) {
            attention.add(kv.trim());
          }
        }
      }
      return new Variant(overrides, String.join(",", attention));
    }
  }

  /** The summary the official eval scores: the top k sentences by rank, in document order. */
  private static int[] topByRank(DocumentSummary s, int k) {
    return s.sentences().stream().filter(x -> x.rank() <= k)
        .mapToInt(ScoredSentence::index).sorted().toArray();
  }

  private static List<PooledSentences> poolInChunks(
      AttentionSettings attention, VectorPack pack, List<AnalyzedDocument> docs) {
    List<PooledSentences> out = new ArrayList<>();
    try (AttentionPooler pooler = new AttentionPooler(attention, pack)) {
      for (int i = 0; i < docs.size(); i += 128) {
        out.addAll(pooler.pool(docs.subList(i, Math.min(docs.size(), i + 128))));
      }
    }
    return out;
  }

  private static void add(double[] acc, double[] v) {
    acc[0] += v[0];
    acc[1] += v[1];
  }

  // ---- data -------------------------------------------------------------------------------

  static List<Example> read(Path file, String set, int limit, RougeScorer scorer)
      throws IOException {
    List<Example> out = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null && out.size() < limit) {
        JsonNode row = JSON.readTree(line);
        List<String> sentences = new ArrayList<>();
        List<String> refs = new ArrayList<>();
        int k;
        switch (set) {
          case "cnndm" -> {
            for (String s : row.get("text").asText().split("(?<= [.?!] )")) {
              if (!s.isBlank()) {
                sentences.add(s.trim());
              }
            }
            refs.add(row.get("summary").asText());
            k = 3;
          }
          case "bbc" -> {
            row.get("body_sentences").forEach(s -> sentences.add(s.asText()));
            refs.add(row.get("summary").asText());
            k = row.get("summary_sentence_idx").size();
          }
          case "scitldr" -> {
            row.get("sentences").forEach(s -> sentences.add(s.asText()));
            row.get("summaries").forEach(s -> refs.add(s.asText()));
            k = 1;
          }
          case "cail2020_zh" -> {
            for (String s : row.get("text").asText().split("(?<=[。！？；])")) {
              if (!s.isBlank()) {
                sentences.add(s.trim());
              }
            }
            refs.add(row.get("summary").asText());
            k = Math.max(1, (int) Math.ceil(0.35 * sentences.size() - 1e-9));
          }
          default -> throw new IllegalArgumentException("unknown set " + set);
        }
        boolean chinese = set.endsWith("_zh");
        List<List<String>> sentenceTokens = new ArrayList<>();
        for (String s : sentences) {
          sentenceTokens.add(scorer.tokenizer().tokenize(s));
        }
        List<List<List<String>>> refTokens = new ArrayList<>();
        for (String ref : refs) {
          refTokens.add(scorer.tokenizeSentences(ref));
        }
        String id = row.get("id").asText();
        out.add(new Example(doc(id, sentences, chinese),
            new EvalDocument(id, sentences, sentenceTokens, refs, refTokens), k));
      }
    }
    return out;
  }

  /** Lookup tokens as the text stage makes them: lowercased words, or CJK characters. */
  static String[] tokens(String text, boolean chinese) {
    if (chinese) {
      return CHINESE.tokenize(text).toArray(new String[0]);
    }
    String t = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").trim();
    return t.isEmpty() ? new String[0] : t.split(" ");
  }

  private static AnalyzedDocument doc(String id, List<String> texts, boolean chinese) {
    List<Sentence> sentences = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (String s : texts) {
      int start = text.length();
      text.append(s);
      sentences.add(new Sentence(sentences.size(), s, start, text.length(), tokens(s, chinese)));
      text.append(chinese ? "" : " ");
    }
    return new AnalyzedDocument(id, chinese ? Language.ZH : Language.EN, text.toString(),
        sentences, sentences.size(), 0);
  }

  // ---- vectors ----------------------------------------------------------------------------

  /** Word2Vec trained on the set itself (seeded, one worker), cached as text under /tmp. */
  static VectorPack vectors(String set, List<Example> examples) throws IOException {
    Path cache = Path.of("/tmp/attnsum-w2v-" + set + "-" + examples.size() + ".txt");
    if (!Files.exists(cache)) {
      List<String> lines = new ArrayList<>();
      for (Example e : examples) {
        for (Sentence s : e.doc().sentences()) {
          lines.add(String.join(" ", s.tokens()));
        }
      }
      long t0 = System.nanoTime();
      Word2Vec w2v = new Word2Vec.Builder()
          .seed(42).workers(1).layerSize(100).windowSize(5).minWordFrequency(2).epochs(5)
          .iterate(new CollectionSentenceIterator(lines))
          .tokenizerFactory(new DefaultTokenizerFactory())
          .build();
      w2v.fit();
      System.out.printf("word2vec on %d sentences: %d s%n", lines.size(), (System.nanoTime() - t0) / 1_000_000_000);
      Path tmp = Files.createTempFile(Path.of("/tmp"), "w2v", ".txt");
      try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        for (String word : w2v.getVocab().words()) {
          double[] v = w2v.getWordVector(word);
          out.write(word + " " + (long) w2v.getVocab().wordFrequency(word));
          for (double x : v) {
            out.write(" " + (float) x);
          }
          out.write('\n');
        }
      }
      Files.move(tmp, cache);
    }
    List<String> words = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    List<float[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(cache, StandardCharsets.UTF_8)) {
      String[] p = line.split(" ");
      words.add(p[0]);
      counts.add(Long.parseLong(p[1]));
      float[] v = new float[p.length - 2];
      for (int i = 0; i < v.length; i++) {
        v[i] = Float.parseFloat(p[i + 2]);
      }
      rows.add(v);
    }
    int dim = rows.get(0).length;
    float[] data = new float[rows.size() * dim];
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(rows.get(i), 0, data, i * dim, dim);
    }
    return new VectorPack(words.toArray(new String[0]), data, dim,
        counts.stream().mapToLong(Long::longValue).toArray());
  }

  // ---- ROUGE ------------------------------------------------------------------------------

  /** ROUGE-1/2 F1 of the selected sentences (one per line), best reference per metric. */
  static double[] rouge(RougeScorer scorer, Example e, int[] selected) {
    List<List<String>> prediction = new ArrayList<>();
    for (int i : selected) {
      prediction.add(e.eval().sentenceTokens().get(i));
    }
    RougeScores s = scorer.scoreMultiTokens(e.eval().referenceTokens(), prediction);
    return new double[] {s.rouge1().f1(), s.rouge2().f1()};
  }
}
