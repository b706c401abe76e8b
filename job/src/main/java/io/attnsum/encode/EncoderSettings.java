package io.attnsum.encode;

import io.attnsum.config.ConfigReader;
import java.io.Serializable;

/**
 * Settings of the encode stage ({@code encoder.*}); each key is documented in reference.conf.
 *
 * @param mode static piece vectors, contextual token states, or word vectors
 * @param model a built-in encoder id for every document, or null for the built-in one of each
 *     document's language ({@code auto})
 * @param path a user's own encoder: a folder (Hadoop path) holding {@code model.onnx} and {@code
 *     tokenizer.json}, or null for the built-in ones
 * @param pooling how the user's encoder pools token states into a sentence vector
 * @param maxTokens encoder positions per window, [CLS] and [SEP] included (contextual)
 * @param staticDimensions PCA components of static packs, 0 (or more than the encoder's width) =
 *     the encoder's width
 * @param staticSifA SIF constant of static packs, 0 = unweighted
 * @param cachePath where static packs are kept, or null for {@code <output.path>/_encoders}
 */
public record EncoderSettings(
    EncoderMode mode,
    String model,
    String path,
    Pooling pooling,
    int maxTokens,
    int staticDimensions,
    double staticSifA,
    String cachePath)
    implements Serializable {

  public static EncoderSettings from(ConfigReader r) {
    String model = r.nonEmpty("encoder.model");
    if (!model.equals("auto") && BuiltInEncoder.byId(model) == null) {
      throw io.attnsum.config.ConfigException.invalid("encoder.model", model,
          "auto or a built-in encoder: " + BuiltInEncoder.ids());
    }
    return new EncoderSettings(
        r.oneOf("encoder.mode", EncoderMode.class),
        model.equals("auto") ? null : model,
        r.optionalString("encoder.path"),
        r.oneOf("encoder.pooling", Pooling.class),
        r.intIn("encoder.max-tokens", 8, 8192),
        r.intIn("encoder.static.dimensions", 0, 8192),
        r.doubleIn("encoder.static.sif-a", 0.0, 1.0),
        r.optionalString("encoder.cache-path"));
  }
}
