package io.attnsum.rank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.attnsum.attention.AttentionPooler;
import io.attnsum.attention.AttentionSettings;
import io.attnsum.attention.PooledSentences;
import io.attnsum.config.ConfigLoader;
import io.attnsum.config.ConfigReader;
import io.attnsum.text.AnalyzedDocument;
import io.attnsum.text.Language;
import io.attnsum.text.Sentence;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.models.word2vec.Word2Vec;
import org.deeplearning4j.text.sentenceiterator.CollectionSentenceIterator;
import org.deeplearning4j.text.tokenization.tokenizerfactory.DefaultTokenizerFactory;

/**
 * Throwaway tuning harness (not a test, not the official eval): ranks a shared dev set with
 * in-process Word2Vec vectors and prints ROUGE-1/2 F1 (rouge-score conventions, no stemming) for
 * LEAD-k and for each configuration variant.
 *
 * <p>Usage: {@code RankingExperiment <cnndm|bbc|scitldr> <limit> [variant ...]} where a variant
 * is a comma-separated list of {@code key=value} overrides of reference.conf ("" = defaults).
 */
public final class RankingExperiment {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Example(AnalyzedDocument doc, List<String> references, int k) {}

  public static void main(String[] args) throws Exception {
    String set = args[0];
    int limit = Integer.parseInt(args[1]);
    List<String> variants = args.length > 2 ? Arrays.asList(args).subList(2, args.length) : List.of("");
    Path data = Path.of(System.getProperty("attnsum.shared.data", "/work/shared/data"));
    List<Example> examples = read(data.resolve(set + ".dev.jsonl"), set, limit);
    VectorPack pack = vectors(set, examples);
    List<AnalyzedDocument> docs = examples.stream().map(Example::doc).toList();

    double[] lead = new double[2];
    for (Example e : examples) {
      int[] sel = new int[Math.min(e.k(), e.doc().sentences().size())];
      for (int i = 0; i < sel.length; i++) {
        sel[i] = i;
      }
      add(lead, rouge(e, sel));
    }
    System.out.printf(Locale.ROOT, "%s n=%d LEAD        R1 %.2f R2 %.2f%n", set, examples.size(),
        100 * lead[0] / examples.size(), 100 * lead[1] / examples.size());

    Map<String, List<PooledSentences>> pooledByAttention = new HashMap<>();
    for (String variant : variants) {
      List<String> overrides = new ArrayList<>();
      List<String> attentionPart = new ArrayList<>();
      for (String kv : variant.split(",")) {
        if (!kv.isBlank()) {
          overrides.add(kv.trim());
          if (kv.trim().startsWith("attention.")) {
            attentionPart.add(kv.trim());
          }
        }
      }
      ConfigReader r = new ConfigReader(ConfigLoader.load(null, overrides));
      AttentionSettings attention = AttentionSettings.from(r);
      RankSettings rank = RankSettings.from(r);
      long t0 = System.nanoTime();
      List<PooledSentences> pooled =
          pooledByAttention.computeIfAbsent(
              String.join(",", attentionPart), key -> poolInChunks(attention, pack, docs));
      long t1 = System.nanoTime();
      CentralityRanker ranker = new CentralityRanker(rank);
      double[] ours = new double[2];
      for (int d = 0; d < examples.size(); d++) {
        Example e = examples.get(d);
        List<Sentence> sentences = e.doc().sentences();
        int n = sentences.size();
        SentenceGraph graph = SentenceGraph.of(pooled.get(d).vectors(), n, pack.dim());
        int[] lengths = sentences.stream().mapToInt(s -> s.tokens().length).toArray();
        double[] scores = ranker.score(graph, lengths);
        int[] sel = new SummarySelector(rank.withSentences(e.k())).select(sentences, scores, graph);
        add(ours, rouge(e, sel));
      }
      long t2 = System.nanoTime();
      System.out.printf(Locale.ROOT, "%s n=%d OURS        R1 %.2f R2 %.2f  pool %d ms rank %d ms  [%s]%n",
          set, examples.size(), 100 * ours[0] / examples.size(), 100 * ours[1] / examples.size(),
          (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, variant);
    }
  }

  private static List<PooledSentences> poolInChunks(
      AttentionSettings attention, VectorPack pack, List<AnalyzedDocument> docs) {
    AttentionPooler pooler = new AttentionPooler(attention, pack);
    List<PooledSentences> out = new ArrayList<>();
    for (int i = 0; i < docs.size(); i += 128) {
      out.addAll(pooler.pool(docs.subList(i, Math.min(docs.size(), i + 128))));
    }
    return out;
  }

  private static void add(double[] acc, double[] v) {
    acc[0] += v[0];
    acc[1] += v[1];
  }

  // ---- data -------------------------------------------------------------------------------

  static List<Example> read(Path file, String set, int limit) throws IOException {
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
            StringBuilder ref = new StringBuilder();
            row.get("summary_sentence_idx").forEach(i -> ref.append(sentences.get(i.asInt())).append(' '));
            refs.add(ref.toString());
            k = row.get("summary_sentence_idx").size();
          }
          case "scitldr" -> {
            row.get("sentences").forEach(s -> sentences.add(s.asText()));
            row.get("summaries").forEach(s -> refs.add(s.asText()));
            k = 1;
          }
          default -> throw new IllegalArgumentException("unknown set " + set);
        }
        out.add(new Example(doc(row.get("id").asText(), sentences), refs, k));
      }
    }
    return out;
  }

  static String[] tokens(String text) {
    String t = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").trim();
    return t.isEmpty() ? new String[0] : t.split(" ");
  }

  private static AnalyzedDocument doc(String id, List<String> texts) {
    List<Sentence> sentences = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (String s : texts) {
      int start = text.length();
      text.append(s);
      sentences.add(new Sentence(sentences.size(), s, start, text.length(), tokens(s)));
      text.append(' ');
    }
    return new AnalyzedDocument(id, Language.EN, text.toString(), sentences, sentences.size(), 0);
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

  /** ROUGE-1/2 F1 of the selected sentences, max over references. */
  static double[] rouge(Example e, int[] selected) {
    StringBuilder s = new StringBuilder();
    for (int i : selected) {
      s.append(e.doc().sentences().get(i).text()).append(' ');
    }
    String[] candidate = tokens(s.toString());
    double best1 = 0;
    double best2 = 0;
    for (String ref : e.references()) {
      String[] reference = tokens(ref);
      best1 = Math.max(best1, f1(ngrams(candidate, 1), ngrams(reference, 1)));
      best2 = Math.max(best2, f1(ngrams(candidate, 2), ngrams(reference, 2)));
    }
    return new double[] {best1, best2};
  }

  private static Map<String, Integer> ngrams(String[] t, int n) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i + n <= t.length; i++) {
      m.merge(String.join(" ", Arrays.copyOfRange(t, i, i + n)), 1, Integer::sum);
    }
    return m;
  }

  private static double f1(Map<String, Integer> cand, Map<String, Integer> ref) {
    int c = cand.values().stream().mapToInt(Integer::intValue).sum();
    int r = ref.values().stream().mapToInt(Integer::intValue).sum();
    if (c == 0 || r == 0) {
      return 0;
    }
    int overlap = 0;
    for (Map.Entry<String, Integer> e : cand.entrySet()) {
      overlap += Math.min(e.getValue(), ref.getOrDefault(e.getKey(), 0));
    }
    if (overlap == 0) {
      return 0;
    }
    double p = (double) overlap / c;
    double rec = (double) overlap / r;
    return 2 * p * rec / (p + rec);
  }
}
