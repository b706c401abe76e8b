package io.attnsum.encode;

import static io.attnsum.encode.BertUnicode.PUNCTUATION;
import static io.attnsum.encode.BertUnicode.WHITESPACE;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A BERT WordPiece tokenizer built from a Hugging Face tokenizer.json, giving the ids that Hugging
 * Face's own tokenizers library (0.21) gives for the same file: {@code encode(text).ids} with
 * truncation and padding off. The tests hold it to that library, through DJL's binding, on real
 * English and Chinese sentences, an adversarial set and random strings.
 *
 * <p>The steps are Hugging Face's, in its order:
 *
 * <ol>
 *   <li>Added tokens written literally in the text ("[CLS]", "[MASK]"...) are split out first
 *       and become their own ids (those marked {@code normalized} are matched after
 *       normalization instead).
 *   <li>{@code BertNormalizer} on the rest ({@link BertNormalizer}).
 *   <li>{@code BertPreTokenizer}: split at whitespace, and every punctuation character (ASCII
 *       punctuation or Unicode P*) is a word of its own.
 *   <li>{@code WordPiece}: a word longer than {@code max_input_chars_per_word} code points
 *       (Unicode scalar values, as Rust counts {@code chars()}, not UTF-16 units) is the unknown
 *       piece; otherwise greedy longest-match-first pieces, later ones with the continuing-subword
 *       prefix, and a word with any part not in the vocabulary is the unknown piece as a whole
 *       (Schuster and Nakajima 2012; Devlin et al. 2019, BERT).
 *   <li>The post-processor's "[CLS] $A [SEP]" around the pieces ({@link #encode}).
 * </ol>
 *
 * <p>The file's {@code truncation} and {@code padding} sections are ignored on purpose (only the
 * pad id is read): the caller windows sentences longer than the model's positions and pads its
 * batches itself, so nothing is ever cut here. Character classes follow the Unicode data that
 * Hugging Face tokenizers is built with, not this JVM's ({@link BertUnicode}).
 *
 * <p>Immutable and thread-safe after construction; each call works in buffers of its own thread
 * and allocates only its result. Each piece can be traced back to its word: {@link
 * #encodeWithWords} gives the index of the whitespace- or punctuation-delimited word (or literal
 * added token) each piece came from, as Hugging Face's {@code word_ids}.
 */
public final class WordPieceTokenizer {
  /** Ids with, for each, the index of the word it came from; -1 for [CLS] and [SEP]. */
  public record Encoding(int[] ids, int[] wordIds) {}

  private final BertNormalizer normalizer;
  private final PieceVocabulary vocabulary;
  private final String[] pieces;
  private final AddedTokenMatcher rawTokens;
  private final AddedTokenMatcher normalizedTokens;
  private final int unkId;
  private final int clsId;
  private final int sepId;
  private final int padId;
  private final int maxWordChars;
  private final int prefixHash;

  private WordPieceTokenizer(TokenizerJson.Spec spec) {
    normalizer = spec.normalizer();
    vocabulary = new PieceVocabulary(spec.vocab(), spec.continuingSubwordPrefix());
    int size = 0;
    for (int id : spec.vocab().values()) {
      size = Math.max(size, id + 1);
    }
    for (TokenizerJson.AddedToken t : spec.addedTokens()) {
      size = Math.max(size, t.id() + 1);
    }
    pieces = new String[size];
    for (Map.Entry<String, Integer> e : spec.vocab().entrySet()) {
      pieces[e.getValue()] = e.getKey();
    }
    List<String> raw = new ArrayList<>();
    List<Integer> rawIds = new ArrayList<>();
    List<String> normalized = new ArrayList<>();
    List<Integer> normalizedIds = new ArrayList<>();
    TokenizerScratch s = TokenizerScratch.get();
    for (TokenizerJson.AddedToken t : spec.addedTokens()) {
      pieces[t.id()] = t.content();
      if (t.normalized()) {
        // Hugging Face matches these against their own normalized form.
        char[] content = t.content().toCharArray();
        normalizer.normalize(content, 0, content.length, s);
        if (s.charCount > 0) {
          normalized.add(new String(s.chars, 0, s.charCount));
          normalizedIds.add(t.id());
        }
      } else {
        raw.add(t.content());
        rawIds.add(t.id());
      }
    }
    rawTokens = new AddedTokenMatcher(raw, rawIds);
    normalizedTokens = new AddedTokenMatcher(normalized, normalizedIds);
    unkId = spec.unkId();
    clsId = spec.clsId();
    sepId = spec.sepId();
    padId = spec.padId();
    maxWordChars = spec.maxInputCharsPerWord();
    prefixHash = vocabulary.prefixHash();
  }

  /**
   * Reads a tokenizer.json. The stream is not closed.
   *
   * @param fileName how to name the file in error messages (a path, a URI, a resource)
   * @throws EncoderFileException when the stream is not JSON or not a BERT WordPiece tokenizer
   */
  public static WordPieceTokenizer read(InputStream json, String fileName) {
    return new WordPieceTokenizer(TokenizerJson.read(json, fileName));
  }

  /** The piece ids of {@code text}, without [CLS] and [SEP], never truncated. */
  public int[] pieceIds(String text) {
    TokenizerScratch s = run(text);
    int[] ids = Arrays.copyOf(s.ids, s.count);
    s.release();
    return ids;
  }

  /** [CLS], the piece ids of {@code text}, [SEP]: Hugging Face's {@code encode(text).ids}. */
  public int[] encode(String text) {
    TokenizerScratch s = run(text);
    int[] ids = new int[s.count + 2];
    ids[0] = clsId;
    System.arraycopy(s.ids, 0, ids, 1, s.count);
    ids[s.count + 1] = sepId;
    s.release();
    return ids;
  }

  /** {@link #encode} with each id's word index (Hugging Face's {@code word_ids}, -1 for none). */
  public Encoding encodeWithWords(String text) {
    TokenizerScratch s = run(text);
    int n = s.count;
    int[] ids = new int[n + 2];
    int[] words = new int[n + 2];
    ids[0] = clsId;
    words[0] = -1;
    System.arraycopy(s.ids, 0, ids, 1, n);
    System.arraycopy(s.words, 0, words, 1, n);
    ids[n + 1] = sepId;
    words[n + 1] = -1;
    s.release();
    return new Encoding(ids, words);
  }

  public int clsId() {
    return clsId;
  }

  public int sepId() {
    return sepId;
  }

  /** The padding id: the file's {@code padding.pad_id}, else the id of [PAD]. */
  public int padId() {
    return padId;
  }

  public int unkId() {
    return unkId;
  }

  /** One more than the largest id (vocabulary and added tokens): the embedding table's rows. */
  public int vocabSize() {
    return pieces.length;
  }

  /**
   * The piece with id {@code id} ("##ing", "[CLS]"), for {@code 0 <= id < vocabSize()}; null for
   * an id in a gap of the vocabulary.
   */
  public String piece(int id) {
    return pieces[id];
  }

  /** Whether the normalizer lower-cases (an uncased model). */
  public boolean lowercase() {
    return normalizer.lowercase();
  }

  /** Tokenizes {@code text} into this thread's scratch: ids and words in [0, count). */
  private TokenizerScratch run(String text) {
    TokenizerScratch s = TokenizerScratch.get();
    s.load(text);
    char[] t = s.text;
    int n = text.length();
    int word = 0;
    int at = 0;
    while (at < n) {
      long match = rawTokens.isEmpty() ? -1 : rawTokens.find(t, at, n);
      int end = match < 0 ? n : (int) (match >>> 32);
      if (end > at) {
        normalizer.normalize(t, at, end, s);
        word = normalizedPart(s, word);
      }
      if (match < 0) {
        break;
      }
      int pattern = (int) match;
      s.add(rawTokens.id(pattern), word++);
      at = end + rawTokens.length(pattern);
    }
    return s;
  }

  /** Splits out normalized added tokens from {@code s.chars}, then pre-tokenizes the rest. */
  private int normalizedPart(TokenizerScratch s, int word) {
    char[] c = s.chars;
    int n = s.charCount;
    int at = 0;
    while (at < n) {
      long match = normalizedTokens.isEmpty() ? -1 : normalizedTokens.find(c, at, n);
      int end = match < 0 ? n : (int) (match >>> 32);
      word = words(c, at, end, s, word);
      if (match < 0) {
        break;
      }
      int pattern = (int) match;
      s.add(normalizedTokens.id(pattern), word++);
      at = end + normalizedTokens.length(pattern);
    }
    return word;
  }

  /** BertPreTokenizer over {@code c[from, to)}, each word through WordPiece; the next word. */
  private int words(char[] c, int from, int to, TokenizerScratch s, int word) {
    int i = from;
    while (i < to) {
      int cp = Character.codePointAt(c, i, to);
      int f = BertUnicode.flags(cp);
      if ((f & WHITESPACE) != 0) {
        i += Character.charCount(cp);
      } else if ((f & PUNCTUATION) != 0) {
        int end = i + Character.charCount(cp);
        wordPieces(c, i, end, 1, s, word++);
        i = end;
      } else {
        int start = i;
        int points = 0;
        while (i < to) {
          cp = Character.codePointAt(c, i, to);
          if ((BertUnicode.flags(cp) & (WHITESPACE | PUNCTUATION)) != 0) {
            break;
          }
          i += Character.charCount(cp);
          points++;
        }
        wordPieces(c, start, i, points, s, word++);
      }
    }
    return word;
  }

  /**
   * WordPiece on the word {@code c[from, to)} of {@code points} code points. Candidates shrink
   * from the right one code point at a time, as Hugging Face's loop does; those longer than the
   * longest vocabulary entry are skipped, which cannot change the result. Each candidate's
   * String.hashCode comes from prefix sums: hash(c[a, b)) = H[b] - H[a] * 31^(b - a).
   */
  private void wordPieces(char[] c, int from, int to, int points, TokenizerScratch s, int word) {
    if (points > maxWordChars) {
      s.add(unkId, word);
      return;
    }
    int length = to - from;
    s.reserveHashes(length);
    int[] h = s.hashes;
    int[] pow = s.powers;
    h[0] = 0;
    for (int i = 0; i < length; i++) {
      h[i + 1] = 31 * h[i] + c[from + i];
    }
    int mark = s.count;
    int start = from;
    while (start < to) {
      boolean continuation = start > from;
      int limit = continuation ? vocabulary.longestContinuation() : vocabulary.longest();
      int end = to;
      if (end - start > limit) {
        end = start + limit;
        if (end > start
            && Character.isHighSurrogate(c[end - 1])
            && Character.isLowSurrogate(c[end])) {
          end--; // never end a candidate inside a surrogate pair
        }
      }
      int id = -1;
      while (end > start) {
        int span = end - start;
        int hash = h[end - from] - h[start - from] * pow[span];
        if (continuation) {
          hash += prefixHash * pow[span];
        }
        id = vocabulary.find(hash, c, start, end, continuation);
        if (id >= 0) {
          break;
        }
        end -= end - start >= 2
                && Character.isLowSurrogate(c[end - 1])
                && Character.isHighSurrogate(c[end - 2])
            ? 2
            : 1;
      }
      if (id < 0) {
        s.count = mark;
        s.add(unkId, word);
        return;
      }
      s.add(id, word);
      start = end;
    }
  }
}
