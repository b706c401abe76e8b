package io.attnsum.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;

/**
 * A run's output as read back for evaluation.
 *
 * @param runDirectory the {@code run_id=...} directory that was read
 * @param format {@code parquet} or {@code json}
 * @param manifest the run's {@code _manifest.json}, or null if the run has none
 * @param documents by {@code doc_id}
 */
public record PredictionRun(
    Path runDirectory, String format, JsonNode manifest, Map<String, PredictedDocument> documents) {}
