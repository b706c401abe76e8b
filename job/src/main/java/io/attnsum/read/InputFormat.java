package io.attnsum.read;

/** Corpus formats the read stage understands. */
public enum InputFormat {
  JSONL,
  TEXT,
  PARQUET,
  CSV
}
