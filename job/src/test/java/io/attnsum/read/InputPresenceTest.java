package io.attnsum.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.attnsum.read.InputPresence.Answer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputPresenceTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  @TempDir Path tmp;

  private static Answer check(String path) {
    return InputPresence.check(new Configuration(), path, TIMEOUT).answer();
  }

  @Test
  void localFilesDirectoriesAndGlobsThatMatchAreFound() throws Exception {
    Files.writeString(tmp.resolve("a.jsonl"), "{}\n");
    assertThat(check(tmp.resolve("a.jsonl").toString())).isEqualTo(Answer.FOUND);
    assertThat(check("file://" + tmp.resolve("a.jsonl"))).isEqualTo(Answer.FOUND);
    assertThat(check(tmp.toString())).isEqualTo(Answer.FOUND);
    assertThat(check(tmp.resolve("*.jsonl").toString())).isEqualTo(Answer.FOUND);
  }

  @Test
  void localPathsAndGlobsThatMatchNothingAreMissing() {
    InputPresence.Result r = InputPresence.check(new Configuration(), tmp.resolve("none.jsonl").toString(), TIMEOUT);
    assertThat(r.answer()).isEqualTo(Answer.MISSING);
    assertThat(r.detail()).isEqualTo("input.path matches nothing: " + tmp.resolve("none.jsonl"));
    assertThat(check(tmp.resolve("*.parquet").toString())).isEqualTo(Answer.MISSING);
    assertThat(check(tmp.resolve("no-dir/*.jsonl").toString())).isEqualTo(Answer.MISSING);
  }

  /** A scheme with no file system in this JVM is left to the job (the cluster may have it). */
  @Test
  void aSchemeWithoutAFileSystemHereIsUnknown() {
    InputPresence.Result r = InputPresence.check(new Configuration(), "nosuchfs://bucket/corpus/*.jsonl", TIMEOUT);
    assertThat(r.answer()).isEqualTo(Answer.UNKNOWN);
    assertThat(r.detail()).contains("nosuchfs");
  }

  /**
   * An HDFS that refuses the connection is unknown after one attempt. Hadoop's default would try
   * ten more times, a second apart, which outlasts the 8 s given here and would answer "no answer
   * within 8 s" instead of the refusal.
   */
  @Test
  void anUnreachableHdfsIsUnknownAfterOneAttempt() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    InputPresence.Result r =
        InputPresence.check(new Configuration(), "hdfs://127.0.0.1:" + port + "/corpus", Duration.ofSeconds(8));
    assertThat(r.answer()).isEqualTo(Answer.UNKNOWN);
    assertThat(r.detail()).contains("Connection refused");
  }
}
