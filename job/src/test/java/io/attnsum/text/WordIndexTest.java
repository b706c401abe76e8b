package io.attnsum.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WordIndexTest {

  /**
   * Keys the table must tell apart although their hashes agree or their stored characters are a
   * prefix of each other: "", "\0" and "\0\0" all have hashCode 0; "Aa" and "BB" share one; Han,
   * Latin-1 and supplementary characters; words at and past the length field's limit (compared
   * through their Strings). Every id must come back in insertion order after the table grew from
   * its smallest size, and absent words must not be found.
   */
  @Test
  void idsFollowInsertionAndMatchOnlyEqualWords() {
    StringBuilder longWord = new StringBuilder();
    for (int i = 0; i < 0xFFFF; i++) {
      longWord.append((char) ('a' + i % 26));
    }
    String limit = longWord.toString(); // length 0xFFFF: the first "long" word
    String past = limit + "z";
    List<String> words = new ArrayList<>(List.of(
        "", "\0", "\0\0", "Aa", "BB", "AaBB", "BBAa", "新闻", "新闻报道", "café", "cafe",
        "\uD83D\uDE00", "a", "ab", "abc", limit, past, limit.substring(1)));
    Random rnd = new Random(7);
    for (int i = 0; i < 3_000; i++) { // growth past several rehashes, mixed lengths
      words.add(Integer.toString(rnd.nextInt(), 36) + (i % 3 == 0 ? "词" : ""));
    }
    WordIndex index = new WordIndex(1);
    Map<String, Integer> reference = new HashMap<>();
    for (String w : words) {
      int id = index.add(w);
      Integer before = reference.putIfAbsent(w, reference.size());
      assertThat(id).as(w.length() > 20 ? "long word" : w).isEqualTo(before == null ? reference.size() - 1 : before);
    }
    assertThat(index.size()).isEqualTo(reference.size());
    for (Map.Entry<String, Integer> e : reference.entrySet()) {
      // a fresh String: equality, not identity
      String copy = new String(e.getKey().toCharArray());
      assertThat(index.indexOf(copy)).isEqualTo(e.getValue());
      assertThat(index.add(copy)).isEqualTo(e.getValue());
      assertThat(index.word(e.getValue())).isEqualTo(e.getKey());
    }
    assertThat(index.size()).isEqualTo(reference.size());
    for (String absent : List.of("\0\0\0", "Ab", "新", "caf", limit + "y", limit.substring(2), "abcd")) {
      assertThat(index.indexOf(absent)).as("absent").isEqualTo(-1);
    }
  }
}
