package io.attnsum.rank;

import io.attnsum.text.Sentence;
import io.attnsum.text.TextChars;
import io.attnsum.text.WordFrequencies;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * TF-IDF cosine similarities between the sentences of one document, the edge weight of the
 * classic graph rankers (Erkan &amp; Radev 2004, LexRank; Mihalcea &amp; Tarau 2004, TextRank).
 * Word vectors say two sentences are about related things; shared content words say they state
 * the same fact, which is what a reference made of the document's own sentences rewards. The rank
 * stage blends the two graphs (see {@link SentenceGraph#blend}).
 *
 * <p>Token weight = tf × idf × sif, where idf = ln((1 + n) / (1 + df)) + 1 treats each sentence
 * of the document as a "document" (scikit-learn's smoothed {@code TfidfVectorizer} IDF, as in
 * LexRank/TextRank), and sif = a / (a + p(w)) with p(w) the word's corpus probability from the
 * corpus counts ({@link WordFrequencies}; Arora et al. 2017). The SIF factor plays the role of a stop-word
 * list without one per language: "the" (p ≈ 0.05) keeps 2% of its weight, a word seen once in a
 * million keeps 99.9%; a token without a vector is treated as rare (factor 1).
 *
 * <p>Plain float64 Java over one document (O(n · tokens) to build, O(n² · shared) to compare), so
 * a document's similarities do not depend on its chunk.
 */
public final class LexicalSimilarity {
  private final WordFrequencies pack;
  private final double sifA;
  private final HanUnits han;
  // Per pack row, its term id in the current document (−1 = not seen); reset after each document.
  private int[] idOfRow;

  /**
   * @param pack the word vectors whose counts give the corpus frequencies
   * @param sifA SIF smoothing a; 0 turns the corpus-frequency factor off (plain TF-IDF)
   * @param han whether a Han character or a whole word is a term; under {@link HanUnits#CHARS}
   *     each Han character of a token is a term of its own and the rest of the token (Latin,
   *     digits) stays one term; a character's corpus frequency is that of the one-character word
   *     when the vectors have it, else it counts as rare
   */
  public LexicalSimilarity(WordFrequencies pack, double sifA, HanUnits han) {
    this.pack = pack;
    this.sifA = sifA;
    this.han = han;
  }

  /**
   * Cosine of the sentences' TF-IDF vectors, {@code [n, n]} row-major; a sentence without tokens
   * has similarity 0 to everything, itself included (as in {@link SentenceGraph}). Not thread-safe
   * (reuses a per-row buffer): one instance per task thread.
   *
   * @param tokenRows each token's row in the vector pack as pooling looked it up ({@code
   *     tokenRows[i][t]}, −1 for a token without a vector), so that the words are not hashed
   *     again; null looks them up here
   */
  public double[] cosine(List<Sentence> sentences, int[][] tokenRows) {
    int n = sentences.size();
    // Term ids in order of first occurrence. A term is identified by its pack row when it has
    // one (an array lookup) and by its string otherwise, so a word and the same Han character
    // split out of a longer word are one term either way.
    if (idOfRow == null) {
      idOfRow = new int[pack.size()];
      java.util.Arrays.fill(idOfRow, -1);
    }
    Terms vocab = new Terms();
    int[][] ids = new int[n][];
    for (int i = 0; i < n; i++) {
      String[] tokens = sentences.get(i).tokens();
      String[] terms = terms(tokens);
      int[] rows = terms == tokens && tokenRows != null ? tokenRows[i] : null;
      int[] row = new int[terms.length];
      for (int t = 0; t < terms.length; t++) {
        row[t] = vocab.id(terms[t], rows != null ? rows[t] : pack.indexOf(terms[t]));
      }
      ids[i] = row;
    }
    int v = vocab.size;
    for (int id = 0; id < v; id++) {
      if (vocab.rowOf[id] >= 0) {
        idOfRow[vocab.rowOf[id]] = -1; // ready for the next document
      }
    }
    double[] termWeight = new double[v]; // idf × sif per vocabulary entry
    int[] df = new int[v];
    int[] lastSeen = new int[v];
    java.util.Arrays.fill(lastSeen, -1);
    for (int i = 0; i < n; i++) {
      for (int id : ids[i]) {
        if (lastSeen[id] != i) {
          lastSeen[id] = i;
          df[id]++;
        }
      }
    }
    double total = pack.totalCount();
    for (int id = 0; id < v; id++) {
      double w = Math.log((1.0 + n) / (1.0 + df[id])) + 1.0;
      int row = vocab.rowOf[id];
      if (sifA > 0 && total > 0 && row >= 0) {
        w *= sifA / (sifA + pack.count(row) / total);
      }
      termWeight[id] = w;
    }
    // Sparse rows: per sentence its distinct ids and L2-normalised weights.
    int[][] terms = new int[n][];
    double[][] weights = new double[n][];
    double[] acc = new double[v];
    for (int i = 0; i < n; i++) {
      int distinct = 0;
      int[] buffer = new int[ids[i].length];
      for (int id : ids[i]) {
        if (acc[id] == 0) {
          buffer[distinct++] = id;
        }
        acc[id] += termWeight[id];
      }
      double norm = 0;
      for (int k = 0; k < distinct; k++) {
        norm += acc[buffer[k]] * acc[buffer[k]];
      }
      double inv = norm > 0 ? 1.0 / Math.sqrt(norm) : 0;
      terms[i] = java.util.Arrays.copyOf(buffer, distinct);
      weights[i] = new double[distinct];
      for (int k = 0; k < distinct; k++) {
        weights[i][k] = acc[buffer[k]] * inv;
        acc[buffer[k]] = 0;
      }
    }
    double[] cos = new double[n * n];
    double[] dense = new double[v];
    for (int a = 0; a < n; a++) {
      cos[a * n + a] = terms[a].length > 0 ? 1 : 0;
      for (int k = 0; k < terms[a].length; k++) {
        dense[terms[a][k]] = weights[a][k];
      }
      for (int b = a + 1; b < n; b++) {
        double dot = 0;
        for (int k = 0; k < terms[b].length; k++) {
          dot += dense[terms[b][k]] * weights[b][k];
        }
        cos[a * n + b] = dot;
        cos[b * n + a] = dot;
      }
      for (int k = 0; k < terms[a].length; k++) {
        dense[terms[a][k]] = 0;
      }
    }
    return cos;
  }

  /** One document's term ids: by pack row through {@link #idOfRow}, by string without a row. */
  private final class Terms {
    int size;
    int[] rowOf = new int[64];
    Map<String, Integer> unknown;

    int id(String term, int row) {
      if (row >= 0) {
        int id = idOfRow[row];
        if (id < 0) {
          id = add(row);
          idOfRow[row] = id;
        }
        return id;
      }
      if (unknown == null) {
        unknown = new HashMap<>();
      }
      Integer id = unknown.get(term);
      if (id == null) {
        id = add(-1);
        unknown.put(term, id);
      }
      return id;
    }

    private int add(int row) {
      if (size == rowOf.length) {
        rowOf = java.util.Arrays.copyOf(rowOf, size * 2);
      }
      rowOf[size] = row;
      return size++;
    }
  }

  /** The sentence's terms: its tokens, with Han characters split out under {@link HanUnits#CHARS}. */
  private String[] terms(String[] tokens) {
    if (han == HanUnits.WORDS || !anyHan(tokens)) {
      return tokens;
    }
    List<String> out = new ArrayList<>(tokens.length * 2);
    for (String token : tokens) {
      int rest = -1; // start of the current run of non-Han characters
      for (int i = 0; i < token.length(); ) {
        int cp = token.codePointAt(i);
        int next = i + Character.charCount(cp);
        if (TextChars.isHan(cp)) {
          if (rest >= 0) {
            out.add(token.substring(rest, i));
            rest = -1;
          }
          out.add(token.substring(i, next));
        } else if (rest < 0) {
          rest = i;
        }
        i = next;
      }
      if (rest >= 0) {
        out.add(token.substring(rest));
      }
    }
    return out.toArray(new String[0]);
  }

  private static boolean anyHan(String[] tokens) {
    for (String token : tokens) {
      for (int i = 0; i < token.length(); ) {
        int cp = token.codePointAt(i);
        if (TextChars.isHan(cp)) {
          return true;
        }
        i += Character.charCount(cp);
      }
    }
    return false;
  }
}
