package io.attnsum.read;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Over records sorted by {@link RecordKey}, keeps the first document of each id and turns every
 * later document with the same id into a {@link RejectReason#DUPLICATE_ID} rejection. Rejected
 * records pass through unchanged. Streaming: holds one id at a time.
 */
public final class DuplicateFilter implements Iterator<ParsedRecord> {
  private final Iterator<ParsedRecord> sorted;
  private final RecordParser parser;
  private String lastKeptId;
  private String lastKeptSource;
  private long lastKeptLocation;

  public DuplicateFilter(Iterator<ParsedRecord> sorted, RecordParser parser) {
    this.sorted = sorted;
    this.parser = parser;
  }

  @Override
  public boolean hasNext() {
    return sorted.hasNext();
  }

  @Override
  public ParsedRecord next() {
    if (!sorted.hasNext()) {
      throw new NoSuchElementException();
    }
    ParsedRecord r = sorted.next();
    if (!(r instanceof ParsedRecord.Document parsed)) {
      return r;
    }
    RawDocument d = parsed.document();
    if (d.id().equals(lastKeptId)) {
      return new ParsedRecord.Rejected(
          new RejectedRecord(
              d.source(),
              d.location(),
              d.id(),
              RejectReason.DUPLICATE_ID,
              "id already used by the record at " + lastKeptSource + " offset " + lastKeptLocation,
              parser.truncate(d.text())));
    }
    lastKeptId = d.id();
    lastKeptSource = d.source();
    lastKeptLocation = d.location();
    return r;
  }
}
