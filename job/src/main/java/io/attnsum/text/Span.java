package io.attnsum.text;

/** A sentence's character range {@code [start, end)} in its document. */
record Span(int start, int end) {}
