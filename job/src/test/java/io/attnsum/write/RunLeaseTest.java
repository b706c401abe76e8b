package io.attnsum.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run id's lease on the local file system (HDFS: cluster/HdfsLeaseAndInputIT). */
class RunLeaseTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  @TempDir java.nio.file.Path tmp;
  private FileSystem fs;
  private Path file;

  @BeforeEach
  void localFileSystem() throws Exception {
    fs = FileSystem.getLocal(new Configuration());
    file = new Path(tmp.toUri().toString(), "_staging/run_id=k1.lease");
  }

  private RunLease acquire(String owner) throws Exception {
    return RunLease.acquire(fs, file, "k1", owner, TIMEOUT);
  }

  /** A lease file as another holder would have written it, last renewed {@code ageMillis} ago. */
  private void leaseOf(RunLease.Holder holder, long ageMillis) throws Exception {
    java.nio.file.Path f = tmp.resolve("_staging/run_id=k1.lease");
    Files.createDirectories(f.getParent());
    Files.writeString(f, holder.text(), StandardCharsets.UTF_8);
    fs.setTimes(file, System.currentTimeMillis() - ageMillis, -1);
  }

  private static RunLease.Holder elsewhere(String owner) {
    return new RunLease.Holder(owner, "another-host", "pid:[1]", 4242, 1_000, "2026-01-01T00:00:00Z");
  }

  @Test
  void aSecondRunOfTheIdIsRefusedNamingTheFirst() throws Exception {
    try (RunLease first = acquire("out/_staging/run_id=k1.first")) {
      assertThatThrownBy(() -> acquire("out/_staging/run_id=k1.second"))
          .isInstanceOf(RunInUseException.class)
          .hasMessageContaining("run id k1 is in use by another run")
          .hasMessageContaining("pid " + ProcessHandle.current().pid())
          .hasMessageContaining("staging out/_staging/run_id=k1.first")
          .hasMessageContaining("run.lease-timeout");
      first.checkHeld();
    }
    assertThat(fs.exists(file)).isFalse();
    // The staging root held only the lease, so it goes with it.
    assertThat(fs.exists(file.getParent())).isFalse();
    try (RunLease again = acquire("out/_staging/run_id=k1.third")) {
      again.checkHeld();
    }
  }

  @Test
  void aLeaseRenewedWithinTheTimeoutHoldsEvenIfItsHolderIsElsewhere() throws Exception {
    leaseOf(elsewhere("hdfs://nn/out/_staging/run_id=k1.other"), TIMEOUT.toMillis() / 2);
    assertThatThrownBy(() -> acquire("mine"))
        .isInstanceOf(RunInUseException.class)
        .hasMessageContaining("pid 4242 on another-host")
        .hasMessageContaining("was renewed 30 s ago");
  }

  @Test
  void aLeaseNotRenewedForTheTimeoutIsTakenOver() throws Exception {
    leaseOf(elsewhere("other"), TIMEOUT.toMillis() + 5_000);
    try (RunLease lease = acquire("mine")) {
      lease.checkHeld();
      assertThat(RunLease.read(fs, file).owner()).isEqualTo("mine");
    }
  }

  /** On the holder's own machine a holder whose process has ended is dead at once. */
  @Test
  void aLeaseWhoseProcessHasEndedOnThisMachineIsTakenOverAtOnce() throws Exception {
    Process ended = new ProcessBuilder("true").start();
    assertThat(ended.waitFor(30, TimeUnit.SECONDS)).isTrue();
    RunLease.Holder here = RunLease.Holder.thisProcess("dead");
    long start = ended.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(-1L);
    leaseOf(new RunLease.Holder("dead", here.host(), here.pidNamespace(), ended.pid(), start, here.startedAt()), 0);
    try (RunLease lease = acquire("mine")) {
      lease.checkHeld();
    }
  }

  @Test
  void aLiveProcessOnThisMachineKeepsItsLease() throws Exception {
    RunLease.Holder me = RunLease.Holder.thisProcess("live");
    leaseOf(me, 0);
    assertThatThrownBy(() -> acquire("mine")).isInstanceOf(RunInUseException.class);
  }

  /** The renewer moves the file's time forward; waited for, not slept on. */
  @Test
  void theHolderRenewsItsLease() throws Exception {
    try (RunLease lease = RunLease.acquire(fs, file, "k1", "mine", Duration.ofSeconds(2))) {
      LeaseChecks.assertRenewed(fs, file, lease);
    }
  }

  /** A holder whose lease was taken over (it stalled past the timeout) must not publish. */
  @Test
  void aHolderWhoseLeaseWasTakenOverCannotPublish() throws Exception {
    try (RunLease lease = acquire("mine")) {
      leaseOf(elsewhere("theirs"), 0);
      assertThatThrownBy(lease::checkHeld)
          .isInstanceOf(RunInUseException.class)
          .hasMessageContaining("another run took the lease over (pid 4242 on another-host");
    }
    // Its close leaves the other run's lease alone.
    assertThat(RunLease.read(fs, file).owner()).isEqualTo("theirs");
  }

  @Test
  void holdersRoundTripThroughTheFile() {
    RunLease.Holder h = RunLease.Holder.thisProcess("hdfs://nn:8020/out/_staging/run_id=k1.x");
    assertThat(RunLease.Holder.parse(h.text())).isEqualTo(h);
    assertThat(RunLease.Holder.parse("")).isNull();
    assertThat(RunLease.Holder.parse("owner=x\npid=")).isNull();
  }
}
