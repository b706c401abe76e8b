package io.attnsum.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes {@code report.json}: per system and metric, P/R/F means with 95% intervals; what the
 * system's row scores, the baselines' k and the budget check.
 */
public final class ReportJsonWriter {
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Context of the evaluation that the report records besides the scores. */
  public record Provenance(String goldFile, String runDirectory, String format, JsonNode manifest,
      String references, double secondsTaken) {}

  public ObjectNode toJson(EvalResult result, Provenance provenance) {
    ObjectNode root = json.createObjectNode();
    root.put("gold", provenance.goldFile());
    root.put("prediction_run", provenance.runDirectory());
    root.put("prediction_format", provenance.format());
    root.put("documents", result.documents().size());
    root.put("missing_predictions", result.missingPredictions());
    root.put("unmatched_predictions", result.unmatchedPredictions());
    root.put("system_summaries", EvalResult.SYSTEM_SUMMARIES);
    root.put("baseline_k", result.kPolicy().describe() + ", at most the document's sentences");
    ObjectNode check = root.putObject("budget_check");
    check.put("against", result.kPolicy().checks()
        ? "min(k, sentences) with " + result.kPolicy().describe()
        : "nothing (no --k, --k-from-reference or --k-ratio given)");
    check.put("documents", result.budgetCheck().checked());
    check.put("mismatched", result.budgetCheck().mismatched());
    ArrayNode examples = check.putArray("first_mismatched");
    result.budgetCheck().firstMismatched().forEach(examples::add);
    root.put("references", provenance.references());
    root.put("tokenization", result.tokenization());
    root.put("multi_reference", "max F1 per metric over references (rouge-score score_multi)");
    ObjectNode ci = root.putObject("confidence_interval");
    ci.put("level", 0.95);
    ci.put("method", "percentile bootstrap over documents");
    ci.put("resamples", result.resamples());
    ci.put("seed", result.seed());
    root.put("seconds", provenance.secondsTaken());
    if (provenance.manifest() != null) {
      root.set("manifest", provenance.manifest());
      JsonNode config = provenance.manifest().get("config");
      if (config != null) {
        root.set("config", config);
      }
    } else {
      root.putNull("config");
    }
    ObjectNode systems = root.putObject("systems");
    for (SystemResult s : result.systems()) {
      ObjectNode sys = systems.putObject(s.name());
      for (RougeMetric m : RougeMetric.values()) {
        SystemResult.Prf prf = s.metrics().get(m);
        ObjectNode metric = sys.putObject(m.key());
        put(metric.putObject("precision"), prf.precision());
        put(metric.putObject("recall"), prf.recall());
        put(metric.putObject("f1"), prf.f1());
      }
    }
    ArrayNode order = root.putArray("system_order");
    result.systems().forEach(s -> order.add(s.name()));
    return root;
  }

  private static void put(ObjectNode node, BootstrapInterval i) {
    node.put("mean", i.mean());
    ArrayNode ci = node.putArray("ci95");
    ci.add(i.low());
    ci.add(i.high());
    node.put("documents", i.documents());
  }

  public void write(Path file, EvalResult result, Provenance provenance) throws IOException {
    json.writeValue(file.toFile(), toJson(result, provenance));
  }
}
