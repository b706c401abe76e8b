package io.attnsum.encode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a Hugging Face tokenizer.json (format version 1.0) into what {@link WordPieceTokenizer}
 * runs, accepting only the BERT family's parts: a {@code BertNormalizer}, a {@code
 * BertPreTokenizer}, a {@code WordPiece} model and a {@code TemplateProcessing} "[CLS] $A [SEP]"
 * or {@code BertProcessing} post-processor (each alone or as a one-element {@code Sequence}).
 * Anything else fails with an {@link EncoderFileException} that names the file, the part found
 * and what was expected. Fields Hugging Face requires are required here too.
 */
final class TokenizerJson {
  private static final String BERT = " (a BERT-family tokenizer)";
  /** Strict like serde_json: nothing may follow the document; the caller closes its stream. */
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);

  /** An added token: text matched literally, before normalization unless {@code normalized}. */
  record AddedToken(String content, int id, boolean normalized) {}

  /** Everything a {@link WordPieceTokenizer} is built from. */
  record Spec(
      BertNormalizer normalizer,
      Map<String, Integer> vocab,
      int unkId,
      String continuingSubwordPrefix,
      int maxInputCharsPerWord,
      int clsId,
      int sepId,
      int padId,
      List<AddedToken> addedTokens) {}

  private final String file;

  private TokenizerJson(String file) {
    this.file = file;
  }

  static Spec read(InputStream in, String fileName) {
    return new TokenizerJson(fileName).parse(in);
  }

  private Spec parse(InputStream in) {
    JsonNode root;
    try {
      root = JSON.readTree(in);
    } catch (JsonProcessingException e) {
      throw new EncoderFileException(
          file,
          "is not valid JSON ("
              + e.getOriginalMessage()
              + (e.getLocation() == null
                  ? ""
                  : " at line " + e.getLocation().getLineNr() + ", column "
                      + e.getLocation().getColumnNr())
              + "); expected a Hugging Face tokenizer.json",
          e);
    } catch (IOException e) {
      throw new EncoderFileException(file, "cannot be read: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw fail("is empty or not a JSON object; expected a Hugging Face tokenizer.json");
    }
    JsonNode version = root.get("version");
    if (version != null && !"1.0".equals(version.asText())) {
      throw fail("version is " + version + "; expected \"1.0\" (a Hugging Face tokenizer.json)");
    }
    JsonNode model = required(root, "model", "model", "a WordPiece model" + BERT);
    String modelType = type(model, "model");
    if (!"WordPiece".equals(modelType)) {
      throw fail("model.type is " + modelType + "; expected WordPiece" + BERT);
    }
    Map<String, Integer> vocab = vocab(required(model, "vocab", "model.vocab", "an object"));
    String unk = text(model, "unk_token", "model.unk_token");
    String prefix = text(model, "continuing_subword_prefix", "model.continuing_subword_prefix");
    String maxField = "model.max_input_chars_per_word";
    JsonNode maxChars = required(model, "max_input_chars_per_word", maxField, "a number");
    if (!maxChars.canConvertToInt() || !maxChars.isIntegralNumber() || maxChars.intValue() < 0) {
      throw fail(maxField + " is " + maxChars + "; expected a count of characters");
    }
    Integer unkId = vocab.get(unk);
    if (unkId == null) {
      throw fail(
          "model.unk_token \"" + unk + "\" is not in model.vocab; expected the unknown-word"
              + " piece to have an id (a WordPiece tokenizer needs it for words it cannot split)");
    }
    BertNormalizer normalizer = normalizer(root.get("normalizer"));
    preTokenizer(root.get("pre_tokenizer"));
    List<AddedToken> added = addedTokens(root.get("added_tokens"), vocab);
    int[] clsSep = postProcessor(root.get("post_processor"));
    int padId = padId(root.get("padding"), vocab, added);
    return new Spec(
        normalizer, vocab, unkId, prefix, maxChars.intValue(), clsSep[0], clsSep[1], padId, added);
  }

  private Map<String, Integer> vocab(JsonNode node) {
    if (!node.isObject() || node.isEmpty()) {
      throw fail("model.vocab is " + describe(node) + "; expected an object of pieces to ids");
    }
    Map<String, Integer> vocab = new HashMap<>(node.size() * 2);
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode id = e.getValue();
      if (!id.isIntegralNumber() || !id.canConvertToInt() || id.intValue() < 0) {
        throw fail("model.vocab[\"" + e.getKey() + "\"] is " + id + "; expected a non-negative id");
      }
      vocab.put(e.getKey(), id.intValue());
    }
    return vocab;
  }

  private BertNormalizer normalizer(JsonNode node) {
    JsonNode bert = single(node, "normalizer", "normalizers", "BertNormalizer");
    JsonNode strip = bert.get("strip_accents");
    boolean lowercase = bool(bert, "lowercase", "normalizer");
    boolean stripAccents;
    if (strip == null || strip.isNull()) {
      stripAccents = lowercase; // Hugging Face: strip_accents.unwrap_or(lowercase)
    } else if (strip.isBoolean()) {
      stripAccents = strip.booleanValue();
    } else {
      throw fail("normalizer.strip_accents is " + strip + "; expected true, false or null");
    }
    return new BertNormalizer(
        bool(bert, "clean_text", "normalizer"),
        bool(bert, "handle_chinese_chars", "normalizer"),
        stripAccents,
        lowercase);
  }

  private void preTokenizer(JsonNode node) {
    single(node, "pre_tokenizer", "pretokenizers", "BertPreTokenizer");
  }

  /** The node of {@code expectedType}, given alone or as the one element of a Sequence. */
  private JsonNode single(JsonNode node, String part, String sequenceField, String expectedType) {
    String expected = "expected " + expectedType + BERT;
    if (node == null || node.isNull()) {
      throw fail("has no " + part + "; " + expected);
    }
    String type = type(node, part);
    if ("Sequence".equals(type)) {
      JsonNode list = node.get(sequenceField);
      if (list == null || !list.isArray() || list.size() != 1) {
        List<String> types = new ArrayList<>();
        if (list != null && list.isArray()) {
          list.forEach(n -> types.add(n.path("type").asText("?")));
        }
        throw fail(
            part + " is a Sequence of " + types + "; " + expected + " (a Sequence only of it)");
      }
      part += "." + sequenceField + "[0]";
      node = list.get(0);
      type = type(node, part);
    }
    if (!expectedType.equals(type)) {
      throw fail(part + ".type is " + type + "; " + expected);
    }
    return node;
  }

  private List<AddedToken> addedTokens(JsonNode node, Map<String, Integer> vocab) {
    List<AddedToken> tokens = new ArrayList<>();
    if (node == null || node.isNull()) {
      return tokens;
    }
    if (!node.isArray()) {
      throw fail("added_tokens is " + describe(node) + "; expected an array");
    }
    Map<String, Integer> assigned = new HashMap<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode t = node.get(i);
      String where = "added_tokens[" + i + "]";
      String content = text(t, "content", where + ".content");
      bool(t, "special", where);
      for (String flag : new String[] {"single_word", "lstrip", "rstrip"}) {
        if (bool(t, flag, where)) {
          throw fail(
              where + " (\"" + content + "\") sets " + flag + "; expected added tokens"
                  + " matched as plain text, as BERT-family tokenizers have them");
        }
      }
      if (content.isEmpty()) {
        continue; // Hugging Face ignores an empty added token
      }
      if (assigned.containsKey(content)) {
        throw fail(where + " repeats \"" + content + "\"; expected each added token once");
      }
      // Hugging Face's AddedVocabulary: the model's id when the model has the piece, otherwise
      // the next id after the model's vocabulary (the "id" field is only checked, with a warning).
      Integer id = vocab.get(content);
      if (id == null) {
        int max = assigned.values().stream().mapToInt(Integer::intValue).max().orElse(-1);
        id = max < 0 ? vocab.size() : (max >= vocab.size() ? max + 1 : vocab.size());
      }
      assigned.put(content, id);
      tokens.add(new AddedToken(content, id, bool(t, "normalized", where)));
    }
    return tokens;
  }

  /** {cls, sep} ids of the single-sequence template. */
  private int[] postProcessor(JsonNode node) {
    String expected = "expected TemplateProcessing \"[CLS] $A [SEP]\" or BertProcessing" + BERT;
    if (node == null || node.isNull()) {
      throw fail("has no post_processor; " + expected);
    }
    String type = type(node, "post_processor");
    if ("Sequence".equals(type)) {
      JsonNode list = node.get("processors");
      if (list == null || !list.isArray() || list.size() != 1) {
        throw fail("post_processor is a Sequence of several processors; " + expected);
      }
      node = list.get(0);
      type = type(node, "post_processor.processors[0]");
    }
    if ("BertProcessing".equals(type)) {
      return new int[] {pairId(node, "cls"), pairId(node, "sep")};
    }
    if (!"TemplateProcessing".equals(type)) {
      throw fail("post_processor.type is " + type + "; " + expected);
    }
    JsonNode single = node.get("single");
    if (single == null
        || !single.isArray()
        || single.size() != 3
        || !single.get(0).has("SpecialToken")
        || !"A".equals(single.get(1).path("Sequence").path("id").asText())
        || !single.get(2).has("SpecialToken")) {
      throw fail("post_processor.single is " + describe(single) + "; " + expected);
    }
    return new int[] {templateId(node, single.get(0)), templateId(node, single.get(2))};
  }

  private int templateId(JsonNode processor, JsonNode piece) {
    String name = piece.path("SpecialToken").path("id").asText();
    JsonNode ids = processor.path("special_tokens").path(name).path("ids");
    if (!ids.isArray() || ids.size() != 1 || !ids.get(0).canConvertToInt()) {
      throw fail("post_processor.special_tokens[\"" + name + "\"].ids is " + describe(ids)
          + "; expected one id");
    }
    return ids.get(0).intValue();
  }

  private int pairId(JsonNode processor, String field) {
    JsonNode pair = processor.get(field);
    if (pair == null || !pair.isArray() || pair.size() != 2 || !pair.get(1).canConvertToInt()) {
      throw fail("post_processor." + field + " is " + describe(pair) + "; expected [token, id]");
    }
    return pair.get(1).intValue();
  }

  /** The padding section's pad_id when present (only that is read from it), else [PAD]'s id. */
  private int padId(JsonNode padding, Map<String, Integer> vocab, List<AddedToken> added) {
    if (padding != null && padding.has("pad_id") && padding.get("pad_id").canConvertToInt()) {
      return padding.get("pad_id").intValue();
    }
    for (AddedToken t : added) {
      if ("[PAD]".equals(t.content())) {
        return t.id();
      }
    }
    Integer id = vocab.get("[PAD]");
    if (id == null) {
      throw fail("has no padding.pad_id and no [PAD] token; expected a padding id for batches");
    }
    return id;
  }

  private String type(JsonNode node, String part) {
    JsonNode type = node.get("type");
    if (type == null || !type.isTextual()) {
      throw fail(part + " has no type; expected a Hugging Face tokenizer.json");
    }
    return type.asText();
  }

  private JsonNode required(JsonNode node, String field, String path, String expected) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw fail("has no " + path + "; expected " + expected);
    }
    return v;
  }

  private String text(JsonNode node, String field, String path) {
    JsonNode v = required(node, field, path, "a string");
    if (!v.isTextual()) {
      throw fail(path + " is " + v + "; expected a string");
    }
    return v.asText();
  }

  private boolean bool(JsonNode node, String field, String part) {
    JsonNode v = required(node, field, part + "." + field, "true or false");
    if (!v.isBoolean()) {
      throw fail(part + "." + field + " is " + v + "; expected true or false");
    }
    return v.booleanValue();
  }

  private static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "missing";
    }
    String s = node.toString();
    return s.length() > 120 ? s.substring(0, 120) + "..." : s;
  }

  private EncoderFileException fail(String problem) {
    return new EncoderFileException(file, problem);
  }
}
