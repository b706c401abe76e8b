package io.attnsum.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns one raw input record into a document or a typed rejection. Pure and deterministic: the
 * same bytes give the same result, so Spark task retries cannot change the output. Not thread
 * safe (reuses a decoder); use one per partition.
 */
public final class RecordParser {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private final InputSettings settings;
  private final int payloadChars;
  private final CharsetDecoder utf8 =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);

  public RecordParser(InputSettings settings, int payloadChars) {
    this.settings = settings;
    this.payloadChars = payloadChars;
  }

  /** Decodes strictly: invalid UTF-8 is an error, never silently replaced. */
  String decode(byte[] bytes, int length) throws CharacterCodingException {
    utf8.reset();
    CharBuffer chars = utf8.decode(ByteBuffer.wrap(bytes, 0, length));
    return chars.toString();
  }

  /** One JSON Lines record. */
  public ParsedRecord parseJsonLine(byte[] bytes, int length, String source, long offset) {
    String line;
    try {
      line = decode(bytes, length);
    } catch (CharacterCodingException e) {
      String lossy = new String(bytes, 0, length, StandardCharsets.UTF_8);
      return reject(source, offset, null, RejectReason.INVALID_UTF8, "bytes are not valid UTF-8", lossy);
    }
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      String msg = e.getOriginalMessage();
      return reject(source, offset, null, RejectReason.MALFORMED_JSON, "not valid JSON: " + firstLine(msg), line);
    }
    if (node == null || !node.isObject()) {
      return reject(source, offset, null, RejectReason.MALFORMED_JSON,
          "expected a JSON object, got " + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)), line);
    }
    JsonNode idNode = node.get(settings.idField());
    String id = null;
    if (idNode == null || idNode.isNull()) {
      return reject(source, offset, null, RejectReason.MISSING_ID, "no field '" + settings.idField() + "'", line);
    }
    if (idNode.isTextual() || idNode.isIntegralNumber()) {
      id = idNode.asText();
    }
    if (id == null || id.isBlank()) {
      return reject(source, offset, null, RejectReason.INVALID_ID,
          "field '" + settings.idField() + "' must be a non-empty string or integer, got " + idNode.getNodeType().toString().toLowerCase(java.util.Locale.ROOT), line);
    }
    JsonNode textNode = node.get(settings.textField());
    if (textNode == null || textNode.isNull()) {
      return reject(source, offset, id, RejectReason.MISSING_TEXT, "no field '" + settings.textField() + "'", line);
    }
    if (!textNode.isTextual()) {
      return reject(source, offset, id, RejectReason.INVALID_TEXT,
          "field '" + settings.textField() + "' must be a string, got " + textNode.getNodeType().toString().toLowerCase(java.util.Locale.ROOT), line);
    }
    String budgetField = settings.summarySentencesField();
    return document(id, textNode.textValue(), source, offset, line,
        budgetField == null ? null : node.get(budgetField));
  }

  /** One plain-text record (a line or a whole file). */
  public ParsedRecord parseText(byte[] bytes, int length, String id, String source, long offset) {
    String text;
    try {
      text = decode(bytes, length);
    } catch (CharacterCodingException e) {
      String lossy = new String(bytes, 0, length, StandardCharsets.UTF_8);
      return reject(source, offset, id, RejectReason.INVALID_UTF8, "bytes are not valid UTF-8", lossy);
    }
    return document(id, text, source, offset, text, null);
  }

  /**
   * A record from a columnar source (Parquet, CSV) whose fields Spark already decoded; {@code
   * summarySentencesValue} is the {@code input.summary-sentences-field} column's value (null when
   * that key is not set).
   */
  public ParsedRecord parseFields(Object idValue, Object textValue, Object summarySentencesValue,
      String source, long row, String payload) {
    if (idValue == null) {
      return reject(source, row, null, RejectReason.MISSING_ID, "no value in '" + settings.idField() + "'", payload);
    }
    String id = String.valueOf(idValue);
    if (id.isBlank() || !(idValue instanceof CharSequence || idValue instanceof Integer || idValue instanceof Long)) {
      return reject(source, row, null, RejectReason.INVALID_ID,
          "'" + settings.idField() + "' must be a non-empty string or integer", payload);
    }
    if (textValue == null) {
      return reject(source, row, id, RejectReason.MISSING_TEXT, "no value in '" + settings.textField() + "'", payload);
    }
    if (!(textValue instanceof CharSequence)) {
      return reject(source, row, id, RejectReason.INVALID_TEXT, "'" + settings.textField() + "' must be a string", payload);
    }
    return document(id, textValue.toString(), source, row, payload, summarySentencesValue);
  }

  private ParsedRecord document(String id, String text, String source, long offset, String payload,
      Object summarySentencesValue) {
    if (text.isBlank() || isAllInvisible(text)) {
      return reject(source, offset, id, RejectReason.EMPTY_TEXT, "text is empty or whitespace only", payload);
    }
    long bytes = utf8Length(text);
    if (bytes > settings.maxDocumentBytes()) {
      return reject(source, offset, id, RejectReason.TOO_LARGE,
          "text is " + bytes + " bytes, over input.max-document-bytes = " + settings.maxDocumentBytes(), payload);
    }
    int summarySentences = 0;
    String field = settings.summarySentencesField();
    if (field != null) {
      if (summarySentencesValue == null
          || (summarySentencesValue instanceof JsonNode j && j.isNull())) {
        return reject(source, offset, id, RejectReason.MISSING_SUMMARY_SENTENCES,
            "no value in '" + field + "' (input.summary-sentences-field)", payload);
      }
      summarySentences = positiveInt(summarySentencesValue);
      if (summarySentences < 1) {
        return reject(source, offset, id, RejectReason.INVALID_SUMMARY_SENTENCES,
            "'" + field + "' must be a positive integer, got "
                + truncate(firstLine(String.valueOf(summarySentencesValue)), 40), payload);
      }
    }
    return new ParsedRecord.Document(new RawDocument(id, text, source, offset, summarySentences));
  }

  /**
   * A positive int from a JSON integer, an integer column (Parquet) or a string of digits (CSV
   * columns are strings); -1 for anything else (a fraction, a negative number, "three").
   */
  static int positiveInt(Object value) {
    long n;
    if (value instanceof JsonNode j) {
      if (!j.isIntegralNumber() || !j.canConvertToLong()) {
        return -1;
      }
      n = j.longValue();
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short
        || value instanceof Byte) {
      n = ((Number) value).longValue();
    } else if (value instanceof CharSequence c && c.toString().strip().matches("[0-9]{1,10}")) {
      n = Long.parseLong(c.toString().strip());
    } else {
      return -1;
    }
    return n >= 1 && n <= Integer.MAX_VALUE ? (int) n : -1;
  }

  private static boolean isAllInvisible(String s) {
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int type = Character.getType(cp);
      if (!Character.isWhitespace(cp) && !Character.isSpaceChar(cp) && type != Character.FORMAT && type != Character.CONTROL) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return true;
  }

  static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  private ParsedRecord reject(String source, long offset, String id, RejectReason reason, String message, String payload) {
    return new ParsedRecord.Rejected(new RejectedRecord(source, offset, id, reason, message, truncate(payload)));
  }

  String truncate(String payload) {
    return truncate(payload, payloadChars);
  }

  private static String truncate(String payload, int chars) {
    if (payload == null) {
      return null;
    }
    if (payload.length() <= chars) {
      return payload;
    }
    int end = chars;
    if (Character.isHighSurrogate(payload.charAt(end - 1))) {
      end--;
    }
    return payload.substring(0, end) + "…[" + payload.length() + " chars]";
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
