package io.attnsum.job;

import java.io.Serializable;

/** One partition's distinct words and their counts, parallel arrays. */
record PartitionWords(String[] words, long[] counts) implements Serializable {}
