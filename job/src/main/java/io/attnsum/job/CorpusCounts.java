package io.attnsum.job;

import io.attnsum.text.Sentence;
import io.attnsum.vectors.WordCounter;
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
 * vocabulary with word counts. Each partition emits (key, count) pairs that {@code reduceByKey}
 * sums, so every number is exact under task retries (unlike an accumulator), and the pass that
 * analyses and caches the documents is the only one that reads them before the summarize stage.
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

  /** One partition's pairs; words only when {@code vocabulary}. */
  static Iterator<Tuple2<String, Long>> count(Iterator<AnalyzedRecord> records, boolean vocabulary) {
    TextStats stats = new TextStats();
    Map<String, Long> reasons = new TreeMap<>();
    WordCounter words = vocabulary ? new WordCounter() : null;
    while (records.hasNext()) {
      AnalyzedRecord r = records.next();
      if (r.document() == null) {
        reasons.merge(r.rejected().reason().name(), 1L, Long::sum);
        continue;
      }
      stats.add(r.document());
      if (words != null) {
        for (Sentence s : r.document().sentences()) {
          for (String token : s.tokens()) {
            if (isStatistic(token)) {
              throw new IllegalStateException("token starts with a space: '" + token + "'");
            }
            words.add(token);
          }
        }
      }
    }
    List<Tuple2<String, Long>> out = new ArrayList<>(16 + (words == null ? 0 : words.size()));
    stats.emit(STAT, out);
    reasons.forEach((reason, n) -> out.add(new Tuple2<>(REJECTED + reason, n)));
    if (words != null) {
      words.emit(out);
    }
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
