package io.attnsum.encode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.models.embeddings.loader.WordVectorSerializer;
import org.deeplearning4j.models.embeddings.wordvectors.WordVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our reader against DL4J's own {@link WordVectorSerializer} on the same files. */
class VectorFileReaderDl4jTest {
  @TempDir Path dir;

  private static Map<String, float[]> vectors() {
    Random rnd = new Random(17);
    Map<String, float[]> v = new LinkedHashMap<>();
    String[] words = {"the", "naïve", "東京", "résumé", "of", "x-ray", "42", "end."};
    for (String w : words) {
      float[] x = new float[7];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) (rnd.nextGaussian() * 0.3);
      }
      v.put(w, x);
    }
    return v;
  }

  private static void assertAgree(VectorPack ours, WordVectors dl4j, Map<String, float[]> v) {
    assertThat(ours.size()).isEqualTo(dl4j.vocab().numWords()).isEqualTo(v.size());
    for (String w : v.keySet()) {
      double[] theirs = dl4j.getWordVector(w);
      assertThat(theirs).as(w).isNotNull();
      float[] mine = new float[ours.dim()];
      ours.copyRow(ours.indexOf(w), mine, 0);
      for (int i = 0; i < mine.length; i++) {
        assertThat(mine[i]).as(w + "[" + i + "]").isEqualTo((float) theirs[i]);
      }
    }
  }

  @Test
  void agreesWithDl4jOnWord2VecText() throws IOException {
    Map<String, float[]> v = vectors();
    Path file = VectorFiles.write(dir, "w2v.txt", VectorFiles.text(v, true, false));
    assertAgree(
        VectorFiles.read(file, VectorFormat.AUTO, null),
        WordVectorSerializer.readWord2VecModel(file.toFile()),
        v);
  }

  @Test
  void agreesWithDl4jOnWord2VecBinary() throws IOException {
    Map<String, float[]> v = vectors();
    Path file = VectorFiles.write(dir, "w2v.bin", VectorFiles.binary(v, true));
    assertAgree(
        VectorFiles.read(file, VectorFormat.AUTO, null),
        WordVectorSerializer.readWord2VecModel(file.toFile()),
        v);
  }

  @Test
  void agreesWithDl4jOnGloveText() throws IOException {
    Map<String, float[]> v = vectors();
    Path file = VectorFiles.write(dir, "glove.txt", VectorFiles.text(v, false, false));
    assertAgree(
        VectorFiles.read(file, VectorFormat.AUTO, null),
        WordVectorSerializer.loadTxtVectors(file.toFile()),
        v);
  }
}
