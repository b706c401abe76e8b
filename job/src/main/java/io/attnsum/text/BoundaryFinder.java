package io.attnsum.text;

/**
 * Finds sentence boundaries in a document. Implementations are stateful (they hold a break iterator
 * or a segmenter) and are used by one thread.
 */
interface BoundaryFinder {
  void find(String text, Boundaries out);
}
