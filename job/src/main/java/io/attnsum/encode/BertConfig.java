package io.attnsum.encode;

/**
 * The shape of a BERT-family encoder (Devlin et al. 2019, "BERT: Pre-training of Deep
 * Bidirectional Transformers for Language Understanding"), as read from its ONNX graph.
 *
 * @param vocabSize rows of the word-embedding table
 * @param hidden width of every token state
 * @param heads attention heads per layer ({@code hidden} is a multiple of it)
 * @param layers transformer layers
 * @param intermediate width of the feed-forward layer
 * @param maxPositions rows of the position-embedding table: the longest sequence, [CLS] and [SEP]
 *     included
 * @param typeVocabSize rows of the token-type table (every token here has type 0)
 * @param layerNormEpsilon the variance epsilon of every LayerNorm
 * @param attentionScale factor on the query-key dot products (1/√(hidden/heads) in BERT)
 */
public record BertConfig(
    int vocabSize,
    int hidden,
    int heads,
    int layers,
    int intermediate,
    int maxPositions,
    int typeVocabSize,
    float layerNormEpsilon,
    float attentionScale) {

  /** Width of one attention head. */
  public int headSize() {
    return hidden / heads;
  }
}
