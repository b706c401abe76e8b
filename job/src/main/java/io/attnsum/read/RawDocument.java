package io.attnsum.read;

import java.io.Serializable;

/** A document as read, before the text stage: where it came from and its text. */
public record RawDocument(String id, String text, String source, long location)
    implements Serializable {}
