package io.attnsum.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Rows copied verbatim from the shared data sets into {@code src/test/resources/text/}. */
final class SampleDocuments {
  static final List<String> ENGLISH_SETS =
      List.of("cnndm.sample.jsonl", "bbc.sample.jsonl", "scitldr.sample.jsonl");
  static final List<String> CHINESE_SETS =
      List.of("cail2020_zh.sample.jsonl", "lcsts_zh.sample.jsonl");

  private static final ObjectMapper JSON = new ObjectMapper();

  private SampleDocuments() {}

  static List<JsonNode> rows(String file) {
    try (InputStream in = SampleDocuments.class.getResourceAsStream("/text/" + file)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource text/" + file);
      }
      List<JsonNode> rows = new ArrayList<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          rows.add(JSON.readTree(line));
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The texts of every sample set, English and Chinese. */
  static List<String> allTexts() {
    List<String> texts = new ArrayList<>();
    for (String file : concat(ENGLISH_SETS, CHINESE_SETS)) {
      for (JsonNode row : rows(file)) {
        texts.add(row.get("text").asText());
      }
    }
    return texts;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
