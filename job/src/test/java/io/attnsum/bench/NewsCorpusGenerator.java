package io.attnsum.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Deterministic English news-like corpora for the end-to-end benchmark, and word-vector files for
 * them.
 *
 * <p>Text: a seeded vocabulary (common English words at the head, syllable-built words for the
 * long tail) sampled with Zipf's law p(rank r) ∝ 1/r^s, s = 1.0 (Zipf 1949; close to measured
 * English word frequencies), 10–40 sentences per document and 6–38 words per sentence (news
 * averages about 20), with capitalised names, numbers, commas, quotes and paragraph breaks so the
 * sentence splitter and tokenizer do realistic work. Document i depends only on (seed, i), so a
 * 10k corpus is a prefix of the 200k one.
 *
 * <p>Vectors: pseudo-random unit-scale vectors (seeded by the word) for the distinct lowercase
 * words of a JSON Lines corpus, written in word2vec/fastText text format. They stand in for
 * pretrained vectors: the job does the same lookups and arithmetic whatever the values are.
 *
 * <pre>
 * NewsCorpusGenerator corpus  --out FILE --documents N [--seed S]
 * NewsCorpusGenerator vectors --corpus FILE.jsonl --out FILE.vec [--dim D] [--max-docs N]
 * </pre>
 */
public final class NewsCorpusGenerator {
  /** Zipf exponent of word frequencies. */
  static final double ZIPF_S = 1.0;

  static final int VOCABULARY = 30_000;

  // The head of English news vocabulary, roughly in frequency order.
  private static final String[] HEAD = (
      "the of to and a in that is for on said was with he it as at by from his be have has an "
          + "are but not they who this were had their been its after will would year more one new "
          + "about which also people when than up there out two first over last government could "
          + "other she can into years told some her time we all police percent if no officials "
          + "state president our what so like just before while city since million country week "
          + "three them may because most during between against where under many world back "
          + "company public group day how only being minister officials report national market "
          + "new former health court party month election news says should called children home "
          + "much still including any those security according made take make both well second "
          + "family women school found four economy workers money plan local support war "
          + "months director team season game military political think through end law even "
          + "already times next part statement house days around early spokesman since chief "
          + "police office leaders change high left life long power team water weeks without")
      .split(" ");
  private static final String[] ONSETS = {
    "b", "br", "c", "ch", "cl", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k", "l", "m", "n", "p",
    "pl", "pr", "r", "s", "sh", "st", "t", "th", "tr", "v", "w", ""
  };
  private static final String[] NUCLEI = {"a", "e", "i", "o", "u", "ai", "ea", "ou", "io", "y"};
  private static final String[] CODAS = {"", "n", "r", "s", "t", "l", "nd", "st", "ck", "m", "ng"};

  private final String[] words;
  private final double[] cdf;
  private final long seed;

  public NewsCorpusGenerator(long seed) {
    this.seed = seed;
    this.words = vocabulary(seed);
    this.cdf = new double[words.length];
    double sum = 0;
    for (int r = 0; r < words.length; r++) {
      sum += 1.0 / Math.pow(r + 1, ZIPF_S);
      cdf[r] = sum;
    }
    for (int r = 0; r < cdf.length; r++) {
      cdf[r] /= sum;
    }
  }

  /** Head words first, then distinct syllable words; deterministic in {@code seed}. */
  static String[] vocabulary(long seed) {
    Random random = new Random(seed);
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>(Arrays.asList(HEAD));
    while (out.size() < VOCABULARY) {
      int syllables = 1 + random.nextInt(3);
      StringBuilder w = new StringBuilder();
      for (int s = 0; s < syllables; s++) {
        w.append(ONSETS[random.nextInt(ONSETS.length)])
            .append(NUCLEI[random.nextInt(NUCLEI.length)])
            .append(CODAS[random.nextInt(CODAS.length)]);
      }
      if (w.length() > 1) {
        out.add(w.toString());
      }
    }
    return out.toArray(new String[0]);
  }

  /** Word at Zipf rank drawn from {@code random}. */
  String word(Random random) {
    int i = Arrays.binarySearch(cdf, random.nextDouble());
    return words[i >= 0 ? i : Math.min(-i - 1, words.length - 1)];
  }

  /** Document {@code index}: its text depends only on the seed and the index. */
  public String document(long index) {
    Random random = new Random(seed * 0x9E3779B97F4A7C15L + index);
    int sentences = 10 + random.nextInt(31);
    StringBuilder text = new StringBuilder(sentences * 130);
    int paragraph = 0;
    for (int s = 0; s < sentences; s++) {
      if (s > 0) {
        if (++paragraph >= 2 + random.nextInt(3)) {
          text.append("\n\n");
          paragraph = 0;
        } else {
          text.append(' ');
        }
      }
      sentence(random, text);
    }
    return text.toString();
  }

  private void sentence(Random random, StringBuilder out) {
    int length = 6 + random.nextInt(17) + random.nextInt(17); // 6..38, mean 22
    boolean quote = random.nextInt(8) == 0;
    if (quote) {
      out.append('"');
    }
    for (int t = 0; t < length; t++) {
      if (t > 0) {
        out.append(random.nextInt(14) == 0 ? ", " : " ");
      }
      int kind = random.nextInt(40);
      String w;
      if (kind == 0) {
        w = number(random);
      } else if (kind <= 2) {
        w = capitalised(words[200 + random.nextInt(words.length - 200)]); // a name
      } else {
        w = word(random);
      }
      out.append(t == 0 ? capitalised(w) : w);
    }
    out.append(random.nextInt(25) == 0 ? '?' : '.');
    if (quote) {
      out.append("\" ").append(capitalised(words[200 + random.nextInt(2000)])).append(" said.");
    }
  }

  private static String number(Random random) {
    return switch (random.nextInt(3)) {
      case 0 -> Integer.toString(2 + random.nextInt(98));
      case 1 -> Integer.toString(1990 + random.nextInt(36));
      default -> String.format(Locale.ROOT, "%.1f", random.nextInt(1000) / 10.0);
    };
  }

  private static String capitalised(String w) {
    return Character.toUpperCase(w.charAt(0)) + w.substring(1);
  }

  /** Writes documents 0..n-1 as JSON Lines {@code {"id": "news-<i>", "text": ...}}. */
  public void writeCorpus(Path out, long documents) throws IOException {
    ObjectMapper json = new ObjectMapper();
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      Map<String, String> row = new HashMap<>();
      for (long i = 0; i < documents; i++) {
        row.put("id", String.format(Locale.ROOT, "news-%07d", i));
        row.put("text", document(i));
        w.write(json.writeValueAsString(row));
        w.write('\n');
      }
    }
  }

  /**
   * Writes a vector per distinct lowercase word (letters and digits; what the text stage's
   * normalisation leaves of most English tokens) of the first {@code maxDocs} documents of a
   * JSON Lines corpus, in word2vec text format; returns the number of words.
   */
  public static int writeVectors(Path corpus, Path out, int dim, int maxDocs) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, Integer> seen = new HashMap<>();
    List<String> ordered = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(corpus, StandardCharsets.UTF_8)) {
      String line;
      int docs = 0;
      while ((line = r.readLine()) != null && docs < maxDocs) {
        JsonNode text = json.readTree(line).get("text");
        if (text == null) {
          continue;
        }
        docs++;
        for (String token : text.asText().toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
          if (!token.isEmpty() && seen.putIfAbsent(token, ordered.size()) == null) {
            ordered.add(token);
          }
        }
      }
    }
    try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      w.write(ordered.size() + " " + dim + "\n");
      StringBuilder line = new StringBuilder(dim * 8);
      double sd = 1.0 / Math.sqrt(dim);
      for (String word : ordered) {
        Random random = new Random(word.hashCode() * 0x5DEECE66DL + dim);
        line.setLength(0);
        line.append(word);
        for (int j = 0; j < dim; j++) {
          appendFixed4(line.append(' '), 3 * sd * random.nextGaussian());
        }
        line.append('\n');
        w.write(line.toString());
      }
    }
    return ordered.size();
  }

  /** Appends x with 4 decimals (String.format per value made writing a pack take a minute). */
  static void appendFixed4(StringBuilder out, double x) {
    long v = Math.round(x * 10_000);
    if (v < 0) {
      out.append('-');
      v = -v;
    }
    out.append(v / 10_000).append('.');
    long frac = v % 10_000;
    for (long p = 1000; p > 1 && frac < p; p /= 10) {
      out.append('0');
    }
    out.append(frac);
  }

  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      throw new IllegalArgumentException("usage: corpus --out F --documents N [--seed S] | "
          + "vectors --corpus F --out F [--dim D] [--max-docs N]");
    }
    Map<String, String> opts = new HashMap<>();
    for (int i = 1; i + 1 < args.length; i += 2) {
      opts.put(args[i], args[i + 1]);
    }
    Path out = Path.of(required(opts, "--out"));
    switch (args[0]) {
      case "corpus" -> {
        long n = Long.parseLong(required(opts, "--documents"));
        new NewsCorpusGenerator(Long.parseLong(opts.getOrDefault("--seed", "20240601")))
            .writeCorpus(out, n);
        System.out.println("wrote " + n + " documents to " + out);
      }
      case "vectors" -> {
        int words = writeVectors(Path.of(required(opts, "--corpus")), out,
            Integer.parseInt(opts.getOrDefault("--dim", "300")),
            Integer.parseInt(opts.getOrDefault("--max-docs", "20000")));
        System.out.println("wrote " + words + " vectors to " + out);
      }
      default -> throw new IllegalArgumentException("unknown command " + args[0]);
    }
  }

  private static String required(Map<String, String> opts, String key) {
    String v = opts.get(key);
    if (v == null) {
      throw new IllegalArgumentException("missing " + key);
    }
    return v;
  }
}
