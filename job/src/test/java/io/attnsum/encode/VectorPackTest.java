package io.attnsum.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class VectorPackTest {

  @Property(tries = 40)
  void serializationRoundTripsExactly(
      @ForAll @IntRange(min = 0, max = 300) int size,
      @ForAll @IntRange(min = 1, max = 40) int dim,
      @ForAll long seed)
      throws IOException {
    Random rnd = new Random(seed);
    String[] words = new String[size];
    long[] counts = new long[size];
    float[] data = new float[size * dim];
    for (int i = 0; i < size; i++) {
      words[i] = "w" + i + (i % 3 == 0 ? "é東" : "");
      counts[i] = rnd.nextInt(1000) + 1;
    }
    for (int i = 0; i < data.length; i++) {
      data[i] = i % 17 == 0 ? Float.intBitsToFloat(rnd.nextInt()) : (float) rnd.nextGaussian();
    }
    VectorPack pack = new VectorPack(words, data, dim, counts);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    pack.write(out);
    assertThat((long) out.size()).isEqualTo(VectorFiles.packBytes(pack));

    VectorPack back = VectorPack.read(new ByteArrayInputStream(out.toByteArray()));
    assertThat(back.dim()).isEqualTo(dim);
    assertThat(back.size()).isEqualTo(size);
    int[] bits = new int[data.length];
    int[] backBits = new int[data.length];
    for (int i = 0; i < data.length; i++) {
      bits[i] = Float.floatToRawIntBits(data[i]);
      backBits[i] = Float.floatToRawIntBits(back.data()[i]);
    }
    assertThat(backBits).isEqualTo(bits); // NaN payloads included
    for (int i = 0; i < size; i++) {
      assertThat(back.word(i)).isEqualTo(words[i]);
      assertThat(back.indexOf(words[i])).isEqualTo(i);
      assertThat(back.count(i)).isEqualTo(counts[i]);
    }
    assertThat(back.totalCount()).isEqualTo(Math.max(1, Arrays.stream(counts).sum()));
  }

  @Property(tries = 60)
  void indexFindsEveryWordAndNothingElse(
      @ForAll @IntRange(min = 0, max = 2000) int size, @ForAll long seed) {
    // Reference: java.util.HashMap. Words include equal-hash pairs ("Aa"/"BB" blocks) so probing
    // past a same-hash slot is exercised, and absent probes include hash twins of present words.
    Random rnd = new Random(seed);
    java.util.Map<String, Integer> reference = new java.util.HashMap<>();
    String[] words = new String[size];
    for (int i = 0; i < size; i++) {
      String w;
      do {
        w = rnd.nextInt(4) == 0 ? twin(rnd.nextInt(1 << 10), 10) : "w" + rnd.nextInt(size * 4 + 1);
      } while (reference.containsKey(w));
      reference.put(w, i);
      words[i] = w;
    }
    VectorPack pack = new VectorPack(words, new float[size], 1, null);
    for (int i = 0; i < size; i++) {
      assertThat(pack.indexOf(words[i])).isEqualTo(i);
    }
    for (int probe = 0; probe < 500; probe++) {
      String w = probe % 2 == 0 ? twin(rnd.nextInt(1 << 10), 10) : "w" + rnd.nextInt(size * 8 + 1);
      assertThat(pack.indexOf(w)).isEqualTo(reference.getOrDefault(w, -1));
    }
  }

  /** A word of "Aa"/"BB" blocks picked by the bits of {@code bits}: all share one hashCode. */
  private static String twin(int bits, int blocks) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < blocks; i++) {
      b.append((bits >> i & 1) == 0 ? "Aa" : "BB");
    }
    return b.toString();
  }

  @Test
  void rejectsADuplicateWord() {
    assertThatThrownBy(() -> new VectorPack(new String[] {"a", "b", "a"}, new float[3], 1, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate word in pack: a");
  }

  @Test
  void rejectsATruncatedPack() throws IOException {
    VectorPack pack = new VectorPack(new String[] {"a", "b"}, new float[] {1, 2, 3, 4}, 2, null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    pack.write(out);
    byte[] cut = Arrays.copyOf(out.toByteArray(), out.size() - 3);
    assertThatThrownBy(() -> VectorPack.read(new ByteArrayInputStream(cut)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("vector pack truncated in the matrix at float 0");
  }

  @Test
  void textWriterOutputReadsBackToTheSameVectors() {
    VectorPack pack =
        new VectorPack(new String[] {"ä", "b"}, new float[] {0.1f, 1e-30f, -3f, 7.5e3f}, 2, null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      VectorFileWriter.writeText(pack, out);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("2 2\nä 0.1 1.0E-30\nb -3.0 7500.0\n");
    VectorPack back =
        VectorFileReader.read(new ByteArrayInputStream(out.toByteArray()), "w", VectorFormat.AUTO,
            null);
    assertThat(back.data()).containsExactly(pack.data());
  }
}
