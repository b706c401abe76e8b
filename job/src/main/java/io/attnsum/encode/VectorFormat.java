package io.attnsum.encode;

/**
 * On-disk formats of pretrained word vectors ({@code vectors.format}).
 *
 * <ul>
 *   <li>{@code word2vec-text}: header line {@code "N D"}, then {@code word v1 .. vD} per line
 *       (Mikolov et al.'s {@code word2vec -binary 0}).
 *   <li>{@code word2vec-binary}: header line {@code "N D"}, then per word its UTF-8 bytes, one
 *       space and D little-endian float32 values, optionally followed by a newline ({@code
 *       word2vec -binary 1}).
 *   <li>{@code glove}: like word2vec-text without the header line (Pennington et al., GloVe).
 *   <li>{@code fasttext-vec}: the {@code .vec} text files of fastText: word2vec-text, usually with
 *       a trailing space on each line.
 *   <li>{@code auto}: detected from the first bytes of the file (see {@link VectorFileReader}).
 * </ul>
 *
 * Any of them may be gzip-compressed; compression is detected from the gzip magic bytes.
 */
public enum VectorFormat {
  AUTO,
  WORD2VEC_TEXT,
  WORD2VEC_BINARY,
  GLOVE,
  FASTTEXT_VEC;

  /** Whether the file starts with a {@code "N D"} header line. */
  public boolean hasHeader() {
    return this == WORD2VEC_TEXT || this == WORD2VEC_BINARY || this == FASTTEXT_VEC;
  }

  public boolean isBinary() {
    return this == WORD2VEC_BINARY;
  }
}
