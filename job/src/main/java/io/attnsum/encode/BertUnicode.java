package io.attnsum.encode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The character data of Hugging Face tokenizers' BERT normalizer and pre-tokenizer, as that
 * library sees it rather than as this JVM does. Hugging Face tokenizers 0.21 takes "other"
 * (Cc, Cf, Co), non-spacing marks and punctuation from the {@code unicode_categories} 0.1.1 crate,
 * whose tables are UnicodeData 8.0, canonical decompositions and combining classes from {@code
 * unicode-normalization-alignments} 0.1.12 (Unicode 9.0), and whitespace and lower-casing from
 * the Rust standard library (Unicode 17 at the time of writing). Java 17's {@link Character} is
 * Unicode 13, so following it would split a word at a punctuation mark added after 8.0 (U+2E4F)
 * that Hugging Face keeps inside the word. The tables therefore come from a resource written by
 * a small Rust program that calls the same crate functions for every char ({@code
 * src/test/resources/encode/bert-unicode-tables}); only the ASCII punctuation rule and the CJK
 * ideograph ranges, which Hugging Face writes as code, are written here.
 *
 * <p>Per code point: a byte of flags from a two-level table (256-code-point blocks, identical
 * blocks shared; about 40 KB), and for the few code points whose flags say so, a combining class,
 * a decomposition or a lower-case mapping found by binary search. Immutable after class
 * initialisation.
 */
final class BertUnicode {
  /** {@code is_other}: Cc, Cf or Co; the clean-text step drops it (tab, LF and CR aside). */
  static final int OTHER = 1;
  /** Mn, which accent stripping drops after decomposition. */
  static final int NONSPACING_MARK = 1 << 1;
  /** ASCII punctuation or Unicode P*: the pre-tokenizer isolates it as a word of its own. */
  static final int PUNCTUATION = 1 << 2;
  /** Rust's {@code char::is_whitespace} (the White_Space property). */
  static final int WHITESPACE = 1 << 3;
  /** A CJK ideograph in Hugging Face's ranges: the normalizer puts spaces around it. */
  static final int CHINESE = 1 << 4;
  /** Has a canonical decomposition other than itself (Hangul syllables aside). */
  static final int DECOMPOSES = 1 << 5;
  /** Has a non-zero canonical combining class. */
  static final int COMBINING = 1 << 6;
  /** Lower-cases to something other than itself. */
  static final int LOWER_MAPS = 1 << 7;

  /** Rust's {@code char::is_ascii_punctuation}, which BertPreTokenizer adds to P*: first, last. */
  private static final int[] ASCII_PUNCTUATION = {33, 47, 58, 64, 91, 96, 123, 126};

  /** {@code is_chinese_char} in tokenizers/src/normalizers/bert.rs (note the gap 2B820-2B91F). */
  private static final int[] CHINESE_RANGES = {
    0x4E00, 0x9FFF, 0x3400, 0x4DBF, 0x20000, 0x2A6DF, 0x2A700, 0x2B73F,
    0x2B740, 0x2B81F, 0x2B920, 0x2CEAF, 0xF900, 0xFAFF, 0x2F800, 0x2FA1F
  };

  private static final String RESOURCE = "/io/attnsum/encode/bert-unicode-tables.txt";
  private static final int HANGUL_FIRST = 0xAC00;
  private static final int HANGUL_LAST = 0xD7A3;

  private static final char[] BLOCK_OF; // code point >> 8 -> block number
  private static final byte[] BLOCKS; // block number << 8 | low byte -> flags
  private static final int[] CLASS_KEYS;
  private static final byte[] CLASS_VALUES;
  private static final Mappings DECOMPOSITIONS;
  private static final Mappings LOWER_CASE;

  static {
    byte[] flags = new byte[Character.MAX_CODE_POINT + 1];
    Map<Integer, Integer> classes = new HashMap<>();
    MappingsBuilder decompositions = new MappingsBuilder();
    MappingsBuilder lowerCase = new MappingsBuilder();
    try (InputStream in = BertUnicode.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isEmpty() || line.charAt(0) == '#') {
          continue;
        }
        String[] f = line.split(" ");
        switch (f[0]) {
          case "O" -> mark(flags, hex(f[1]), hex(f[2]), OTHER);
          case "M" -> mark(flags, hex(f[1]), hex(f[2]), NONSPACING_MARK);
          case "P" -> mark(flags, hex(f[1]), hex(f[2]), PUNCTUATION);
          case "W" -> mark(flags, hex(f[1]), hex(f[2]), WHITESPACE);
          case "C" -> {
            mark(flags, hex(f[1]), hex(f[2]), COMBINING);
            for (int cp = hex(f[1]); cp <= hex(f[2]); cp++) {
              classes.put(cp, Integer.parseInt(f[3]));
            }
          }
          case "D" -> decompositions.add(f, flags, DECOMPOSES);
          case "L" -> lowerCase.add(f, flags, LOWER_MAPS);
          default -> throw new IllegalStateException(RESOURCE + ": unknown line " + line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    markRanges(flags, ASCII_PUNCTUATION, PUNCTUATION);
    markRanges(flags, CHINESE_RANGES, CHINESE);

    int blockCount = (Character.MAX_CODE_POINT + 1) >> 8;
    BLOCK_OF = new char[blockCount];
    Map<String, Integer> distinct = new HashMap<>();
    byte[] blocks = new byte[0];
    for (int b = 0; b < blockCount; b++) {
      byte[] block = Arrays.copyOfRange(flags, b << 8, (b + 1) << 8);
      String key = new String(block, StandardCharsets.ISO_8859_1);
      Integer number = distinct.get(key);
      if (number == null) {
        number = distinct.size();
        distinct.put(key, number);
        blocks = Arrays.copyOf(blocks, (number + 1) << 8);
        System.arraycopy(block, 0, blocks, number << 8, 256);
      }
      BLOCK_OF[b] = (char) number.intValue();
    }
    BLOCKS = blocks;
    CLASS_KEYS = classes.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
    CLASS_VALUES = new byte[CLASS_KEYS.length];
    for (int i = 0; i < CLASS_KEYS.length; i++) {
      CLASS_VALUES[i] = (byte) classes.get(CLASS_KEYS[i]).intValue();
    }
    DECOMPOSITIONS = decompositions.build();
    LOWER_CASE = lowerCase.build();
  }

  private BertUnicode() {}

  /** The flags of code point {@code cp} (a bitwise or of the constants above). */
  static int flags(int cp) {
    return BLOCKS[BLOCK_OF[cp >>> 8] << 8 | (cp & 0xFF)];
  }

  /** The canonical combining class of {@code cp}; 0 for starters. */
  static int combiningClass(int cp) {
    if ((flags(cp) & COMBINING) == 0) {
      return 0;
    }
    return CLASS_VALUES[Arrays.binarySearch(CLASS_KEYS, cp)] & 0xFF;
  }

  /** Whether {@code cp} is a precomposed Hangul syllable (decomposed by algorithm, not table). */
  static boolean isHangulSyllable(int cp) {
    return cp >= HANGUL_FIRST && cp <= HANGUL_LAST;
  }

  /**
   * Writes the full canonical decomposition of {@code cp} (flag {@link #DECOMPOSES}) or of a
   * Hangul syllable into {@code out} from index 0; returns its length (at most 4).
   */
  static int decompose(int cp, int[] out) {
    if (isHangulSyllable(cp)) {
      // Unicode 3.12, "Hangul Syllable Decomposition".
      int s = cp - HANGUL_FIRST;
      out[0] = 0x1100 + s / 588;
      out[1] = 0x1161 + (s % 588) / 28;
      int t = s % 28;
      if (t == 0) {
        return 2;
      }
      out[2] = 0x11A7 + t;
      return 3;
    }
    return DECOMPOSITIONS.get(cp, out);
  }

  /** Writes the lower case of {@code cp} (flag {@link #LOWER_MAPS}) into {@code out}. */
  static int lowerCase(int cp, int[] out) {
    return LOWER_CASE.get(cp, out);
  }

  private static int hex(String s) {
    return Integer.parseInt(s, 16);
  }

  private static void markRanges(byte[] flags, int[] firstLast, int flag) {
    for (int i = 0; i < firstLast.length; i += 2) {
      mark(flags, firstLast[i], firstLast[i + 1], flag);
    }
  }

  private static void mark(byte[] flags, int first, int last, int flag) {
    for (int cp = first; cp <= last; cp++) {
      flags[cp] |= (byte) flag;
    }
  }

  /** Code point to code point sequence, sorted keys with their values in one array. */
  private record Mappings(int[] keys, int[] starts, int[] values) {
    int get(int cp, int[] out) {
      int i = Arrays.binarySearch(keys, cp);
      int length = starts[i + 1] - starts[i];
      System.arraycopy(values, starts[i], out, 0, length);
      return length;
    }
  }

  /** Collects "TAG key value..." lines, which the generator writes in code point order. */
  private static final class MappingsBuilder {
    private int[] keys = new int[64];
    private int[] starts = new int[65];
    private int[] values = new int[256];
    private int size;

    void add(String[] line, byte[] flags, int flag) {
      int key = hex(line[1]);
      if (size > 0 && key <= keys[size - 1]) {
        throw new IllegalStateException(RESOURCE + ": mappings out of order at " + line[1]);
      }
      if (line.length - 2 > 4) {
        throw new IllegalStateException(RESOURCE + ": mapping longer than 4 at " + line[1]);
      }
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size * 2);
        starts = Arrays.copyOf(starts, size * 2 + 1);
      }
      int at = starts[size];
      if (at + line.length > values.length) {
        values = Arrays.copyOf(values, values.length * 2);
      }
      for (int i = 2; i < line.length; i++) {
        values[at++] = hex(line[i]);
      }
      keys[size++] = key;
      starts[size] = at;
      flags[key] |= (byte) flag;
    }

    Mappings build() {
      return new Mappings(
          Arrays.copyOf(keys, size),
          Arrays.copyOf(starts, size + 1),
          Arrays.copyOf(values, starts[size]));
    }
  }
}
