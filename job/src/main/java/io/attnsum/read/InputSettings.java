package io.attnsum.read;

import io.attnsum.config.ConfigReader;
import java.io.Serializable;

/**
 * Where and how to read the corpus ({@code input.*}).
 *
 * @param textPerFile for {@code text}: one document per file (id = file name) instead of per line
 * @param partitions 0 = computed from the corpus size and the cluster's parallelism
 * @param summarySentencesField field or column holding each document's own summary length in
 *     sentences; null = none (every document gets the configured budget)
 */
public record InputSettings(
    String path,
    InputFormat format,
    String idField,
    String textField,
    boolean textPerFile,
    boolean csvHeader,
    int partitions,
    long maxDocumentBytes,
    BadRecordPolicy onBadRecord,
    String summarySentencesField)
    implements Serializable {

  public enum BadRecordPolicy {
    REJECT,
    FAIL
  }

  public static InputSettings from(ConfigReader r) {
    String mode = r.string("input.text-mode").trim();
    if (!mode.equals("line") && !mode.equals("file")) {
      throw io.attnsum.config.ConfigException.invalid("input.text-mode", mode, "line | file");
    }
    InputFormat format = r.oneOf("input.format", InputFormat.class);
    String summarySentencesField = r.optionalString("input.summary-sentences-field");
    if (summarySentencesField != null && format == InputFormat.TEXT) {
      throw io.attnsum.config.ConfigException.invalid("input.summary-sentences-field",
          summarySentencesField, "empty for input.format = text (plain text has no fields)");
    }
    return new InputSettings(
        r.required("input.path", "the corpus: a Hadoop path, directory or glob"),
        format,
        r.nonEmpty("input.id-field"),
        r.nonEmpty("input.text-field"),
        mode.equals("file"),
        r.bool("input.csv-header"),
        r.intIn("input.partitions", 0, 1_000_000),
        r.bytesIn("input.max-document-bytes", 1, 1L << 30),
        r.oneOf("input.on-bad-record", BadRecordPolicy.class),
        summarySentencesField);
  }
}
