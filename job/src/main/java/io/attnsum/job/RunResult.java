package io.attnsum.job;

/** What a finished run reports on its last stdout line. */
public record RunResult(
    String runId, String outputPath, long inputRecords, long documents, long rejected, double seconds) {}
