package io.attnsum.encode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-JVM cache holds a user's encoder by its files' hash, not by path alone: a JVM that
 * outlives a run (a notebook, the Spark ML stage) must not keep serving a model that was replaced
 * at the same path.
 */
class EncoderCacheTest {
  private static final Configuration CONF = new Configuration();
  @TempDir Path dir;

  @Test
  void aModelReplacedAtTheSamePathIsLoadedAgain() throws Exception {
    Path folder = TinyBert.writeTo(dir.resolve("model"));
    EncoderSource first = hashed(folder);
    BertEncoder before = EncoderCache.encoder(first);
    assertThat(EncoderCache.encoder(first)).isSameAs(before);
    assertThat(before.sha256()).isEqualTo(sha256(TinyBert.onnx()));

    byte[] other = TinyBert.onnx(7L);
    Files.write(folder.resolve("model.onnx"), other);
    EncoderSource second = hashed(folder);
    assertThat(second.sha256()).isNotEqualTo(first.sha256());
    BertEncoder after = EncoderCache.encoder(second);

    assertThat(after).isNotSameAs(before);
    assertThat(after.sha256()).isEqualTo(sha256(other)).isNotEqualTo(before.sha256());
  }

  @Test
  void theSameFilesAreLoadedOnceWhateverTheSourceObject() {
    Path folder = TinyBert.writeTo(dir.resolve("once"));
    assertThat(EncoderCache.tokenizer(hashed(folder))).isSameAs(
        EncoderCache.tokenizer(hashed(folder)));
  }

  private static EncoderSource hashed(Path folder) {
    EncoderSource s = EncoderSource.folder(folder.toString(), Pooling.MEAN);
    return s.withSha256(EncoderStage.hash(s, CONF, false).sha256());
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
