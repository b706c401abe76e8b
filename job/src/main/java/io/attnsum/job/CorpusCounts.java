package io.attnsum.job;

import io.attnsum.text.AnalyzedDocument;
import io.attnsum.text.Sentence;
import io.attnsum.text.WordCounter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import scala.Tuple2;

/**
 * Everything the driver needs to know about the analysed corpus, counted in one pass per
 * partition: the manifest's text statistics, rejections by reason and (for full runs) the corpus
 * vocabulary with word counts, which the analysis itself counted into the partition's trailer
 * record. Each partition emits (key, count) pairs that {@code reduceByKey} sums, so every number
 * is exact under task retries (unlike an accumulator), and the pass that analyses and caches the
 * documents is the only one that reads them before the summarize stage.
 *
 * <p>Keys: a word is its own key; statistics and reasons start with a space, which no token can
 * (tokens start with a letter or digit and never contain whitespace; checked while counting), so
 * the two never collide.
 */
final class CorpusCounts {
  static final String STAT = " text:";
  static final String REJECTED = " rejected:";

  private CorpusCounts() {}

  /** True for the keys of statistics and rejections, false for words. */
  static boolean isStatistic(String key) {
    return !key.isEmpty() && key.charAt(0) == ' ';
  }

  /**
   * Counts a freshly analysed document's tokens into the partition's counter. The text stage does
   * this as it analyses, while the tokens are still in cache: counting them later, after they
   * are cached and read back, costs about three times as much (fresh strings, scattered).
   */
  static void countTokens(AnalyzedDocument document, WordCounter words) {
    for (Sentence s : document.sentences()) {
      for (String token : s.tokens()) {
        if (isStatistic(token)) {
          throw new IllegalStateException("token starts with a space: '" + token + "'");
        }
        words.add(token);
      }
    }
  }

  /**
   * The record that ends an analysed partition in full runs: its word counts. It is part of the
   * cached partition, so a recomputed partition brings its own trailer again, and the counts stay
   * exact under retries; {@code documents} and {@code rejected} filters pass it by.
   */
  static AnalyzedRecord trailer(WordCounter words) {
    return new AnalyzedRecord(null, null, new PartitionWords(words.words(), words.counts()));
  }

  /** One partition's pairs: its statistics, rejections and (from its trailer) word counts. */
  static Iterator<Tuple2<String, Long>> count(Iterator<AnalyzedRecord> records) {
    TextStats stats = new TextStats();
    Map<String, Long> reasons = new TreeMap<>();
    List<Tuple2<String, Long>> out = new ArrayList<>();
    while (records.hasNext()) {
      AnalyzedRecord r = records.next();
      if (r.document() != null) {
        stats.add(r.document());
      } else if (r.rejected() != null) {
        reasons.merge(r.rejected().reason().name(), 1L, Long::sum);
      } else {
        PartitionWords words = r.words();
        for (int i = 0; i < words.words().length; i++) {
          out.add(new Tuple2<>(words.words()[i], words.counts()[i]));
        }
      }
    }
    stats.emit(STAT, out);
    reasons.forEach((reason, n) -> out.add(new Tuple2<>(REJECTED + reason, n)));
    return out.iterator();
  }

  /** The text statistics from the summed statistic pairs. */
  static TextStats textStats(Map<String, Long> statistics) {
    Map<String, Long> stats = new HashMap<>();
    statistics.forEach((k, v) -> {
      if (k.startsWith(STAT)) {
        stats.put(k.substring(STAT.length()), v);
      }
    });
    return TextStats.of(stats);
  }

  /** Rejections by reason name, sorted, from the summed statistic pairs. */
  static Map<String, Long> rejectedByReason(Map<String, Long> statistics) {
    Map<String, Long> reasons = new TreeMap<>();
    statistics.forEach((k, v) -> {
      if (k.startsWith(REJECTED)) {
        reasons.put(k.substring(REJECTED.length()), v);
      }
    });
    return reasons;
  }
}
