package io.attnsum.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.attnsum.encode.EncoderReport;
import java.util.List;
import java.util.Map;

/**
 * The run manifest ({@code _manifest.json}), written when a run publishes: what ran on what, with
 * which configuration, and what it counted. Written by Jackson with snake_case names; the fields
 * are documented in docs/design.md.
 */
record RunManifest(
    String runId,
    String status,
    String startedAt,
    String finishedAt,
    double seconds,
    String inputPath,
    String outputPath,
    long inputDocuments,
    long outputDocuments,
    long rejectedDocuments,
    Map<String, Long> rejectedByReason,
    Map<String, Object> text,
    EncoderReport encoder,
    Map<String, Map<String, Object>> stages,
    Map<String, String> versions,
    Map<String, Object> spark,
    List<String> config) {

  private static final ObjectMapper JSON = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write the manifest", e);
    }
  }
}
