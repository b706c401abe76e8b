package io.attnsum.write;

/** Table formats the write stage produces. */
public enum OutputFormat {
  PARQUET,
  JSONL
}
