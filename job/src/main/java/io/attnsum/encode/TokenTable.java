package io.attnsum.encode;

/**
 * Token vectors as the attention stage reads them: a row-major float matrix {@code [size, dim]}
 * whose rows sentences point into, with a corpus count per row for frequency priors. A word
 * vector pack, a static piece pack (one row per vocabulary piece) and a chunk's contextual token
 * states are all tables.
 */
public interface TokenTable {
  int dim();

  /** Number of rows. */
  int size();

  /** The backing matrix {@code [size, dim]}; callers must not modify it. */
  float[] data();

  /** How often the row's token occurs (or an estimate of it), for priors such as SIF. */
  long count(int row);

  /** The sum of all counts (at least 1). */
  long totalCount();
}
