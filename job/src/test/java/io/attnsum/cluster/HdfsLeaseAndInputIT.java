package io.attnsum.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attnsum.read.InputPresence;
import io.attnsum.read.InputPresence.Answer;
import io.attnsum.write.LeaseChecks;
import io.attnsum.write.RunInUseException;
import io.attnsum.write.RunLease;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the job asks of the output's and the input's file system before it starts work, on a real
 * HDFS: whether input.path matches anything (asked before Spark starts), and the run id's lease
 * (created only where none exists, renewed by setting its modification time, taken over when
 * stale), whose HDFS calls differ from the local file system's.
 */
class HdfsLeaseAndInputIT {
  private static final Duration MINUTE = Duration.ofSeconds(60);
  @TempDir static Path tmp;
  private static MiniHdfs hdfs;

  @BeforeAll
  static void startHdfs() throws Exception {
    hdfs = MiniHdfs.start(tmp.resolve("hdfs"));
    hdfs.write("/corpus/day=1/a.jsonl", "{\"id\":1,\"text\":\"One.\"}\n");
  }

  @AfterAll
  static void stopHdfs() {
    if (hdfs != null) {
      hdfs.close();
    }
  }

  private static org.apache.hadoop.fs.Path lease(String name) {
    return new org.apache.hadoop.fs.Path(hdfs.uri("/out/_staging/" + name));
  }

  @Test
  void inputPathsAreCheckedOnHdfs() {
    Configuration conf = new Configuration();
    assertThat(InputPresence.check(conf, hdfs.uri("/corpus/day=1/a.jsonl"), MINUTE).answer()).isEqualTo(Answer.FOUND);
    assertThat(InputPresence.check(conf, hdfs.uri("/corpus/day=*/*.jsonl"), MINUTE).answer()).isEqualTo(Answer.FOUND);
    InputPresence.Result missing = InputPresence.check(conf, hdfs.uri("/corpus/day=2/*.jsonl"), MINUTE);
    assertThat(missing.answer()).isEqualTo(Answer.MISSING);
    assertThat(missing.detail()).isEqualTo("input.path matches nothing: " + hdfs.uri("/corpus/day=2/*.jsonl"));
  }

  @Test
  void aSecondHolderIsRefusedAndTheLeaseGoesOnClose() throws Exception {
    FileSystem fs = hdfs.fileSystem();
    org.apache.hadoop.fs.Path file = lease("run_id=a.lease");
    try (RunLease first = RunLease.acquire(fs, file, "a", "first", MINUTE)) {
      assertThatThrownBy(() -> RunLease.acquire(fs, file, "a", "second", MINUTE))
          .isInstanceOf(RunInUseException.class)
          .hasMessageContaining("staging first");
      first.checkHeld();
    }
    assertThat(fs.exists(file)).isFalse();
  }

  /** The holder renews by setting the modification time; waited for, not slept on. */
  @Test
  void theHolderRenewsItsLeaseOnHdfs() throws Exception {
    FileSystem fs = hdfs.fileSystem();
    org.apache.hadoop.fs.Path file = lease("run_id=b.lease");
    try (RunLease held = RunLease.acquire(fs, file, "b", "held", Duration.ofSeconds(2))) {
      LeaseChecks.assertRenewed(fs, file, held);
    }
  }

  @Test
  void aStaleLeaseOfAnotherMachineIsTakenOver() throws Exception {
    FileSystem fs = hdfs.fileSystem();
    org.apache.hadoop.fs.Path file = lease("run_id=c.lease");
    hdfs.write(file.toUri().getPath(), "owner=gone\nhost=another-host\npid_namespace=pid:[1]\npid=4242\n"
        + "process_start=1000\nstarted_at=2026-01-01T00:00:00Z\n");
    assertThatThrownBy(() -> RunLease.acquire(fs, file, "c", "mine", MINUTE))
        .isInstanceOf(RunInUseException.class)
        .hasMessageContaining("pid 4242 on another-host");
    fs.setTimes(file, System.currentTimeMillis() - MINUTE.toMillis() - 5_000, -1);
    try (RunLease mine = RunLease.acquire(fs, file, "c", "mine", MINUTE)) {
      mine.checkHeld();
      assertThat(hdfs.read(file.toUri().getPath())).contains("owner=mine");
    }
  }
}
