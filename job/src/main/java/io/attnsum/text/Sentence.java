package io.attnsum.text;

import java.io.Serializable;

/**
 * One sentence of a document. {@code text} is the source text untouched, and equals {@code
 * document.substring(start, end)}; {@code tokens} are the normalised lookup forms (NFKC, case
 * folded, punctuation dropped) used for vectors, never shown to users.
 */
public record Sentence(int index, String text, int start, int end, String[] tokens)
    implements Serializable {}
