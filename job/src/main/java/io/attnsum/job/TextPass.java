package io.attnsum.job;

import io.attnsum.read.ParsedRecord;
import io.attnsum.read.RawDocument;
import io.attnsum.read.RejectReason;
import io.attnsum.read.RejectedRecord;
import io.attnsum.text.AnalyzedDocument;
import io.attnsum.text.DocumentAnalyzer;
import io.attnsum.text.Sentence;
import io.attnsum.text.TextSettings;
import io.attnsum.text.WordCounter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import scala.Tuple2;

/**
 * The text stage over one partition, as the job runs it: every parsed record becomes an analysed
 * document or a rejection, and the partition ends with its {@link Analyzed.Tally}. Counting the
 * words while the analysis has them in hand costs about a third of counting them later from the
 * cached (serialised) documents.
 */
final class TextPass {
  private TextPass() {}

  /**
   * The analysed partition.
   *
   * @param countWords whether the tally carries the partition's words (full runs)
   */
  static Iterator<Analyzed> analyze(
      Iterator<ParsedRecord> records, TextSettings settings, boolean countWords) {
    FaultInjection.check("text");
    DocumentAnalyzer analyzer = new DocumentAnalyzer(settings);
    WordCounter words = countWords ? new WordCounter() : null;
    TextTally tally = new TextTally();
    return new Iterator<>() {
      private boolean tallyDue = true;

      @Override
      public boolean hasNext() {
        return records.hasNext() || tallyDue;
      }

      @Override
      public Analyzed next() {
        if (!records.hasNext()) {
          if (!tallyDue) {
            throw new NoSuchElementException();
          }
          tallyDue = false;
          return words == null
              ? new Analyzed.Tally(tally, new String[0], new long[0])
              : new Analyzed.Tally(tally, words.words(), words.counts());
        }
        Analyzed a = analyze(records.next(), analyzer);
        if (a instanceof Analyzed.Rejected r) {
          tally.add(r.record());
        } else if (a instanceof Analyzed.Document d) {
          tally.add(d.document());
          if (words != null) {
            for (Sentence s : d.document().sentences()) {
              for (String token : s.tokens()) {
                words.add(token);
              }
            }
          }
        }
        return a;
      }
    };
  }

  /** One record through the text stage: an analysed document, or the record's rejection. */
  static Analyzed analyze(ParsedRecord r, DocumentAnalyzer analyzer) {
    if (r instanceof ParsedRecord.Rejected rejected) {
      return new Analyzed.Rejected(rejected.record());
    }
    RawDocument d = ((ParsedRecord.Document) r).document();
    AnalyzedDocument a =
        analyzer.analyze(d.id(), d.text()).withSummarySentences(d.summarySentences());
    if (a.sentences().isEmpty()) {
      return new Analyzed.Rejected(new RejectedRecord(d.source(), d.location(), d.id(),
          RejectReason.NO_SENTENCES, "the text stage found no sentence", truncate(d.text(), 256)));
    }
    return new Analyzed.Document(a);
  }

  /**
   * A partition's word pairs, read off its tally record (every word once per partition, so the
   * shuffle needs no map-side combine); the tally itself goes to {@code tallies}.
   */
  static Iterator<Tuple2<String, Long>> words(
      int partition, Iterator<Analyzed> records, TextTallies tallies) {
    List<Tuple2<String, Long>> out = new ArrayList<>();
    while (records.hasNext()) {
      if (records.next() instanceof Analyzed.Tally t) {
        tallies.add(new TextTallies.Part(partition, t.counts()));
        for (int i = 0; i < t.words().length; i++) {
          out.add(new Tuple2<>(t.words()[i], t.wordCounts()[i]));
        }
      }
    }
    return out.iterator();
  }

  private static String truncate(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n);
  }
}
