package io.attnsum.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Checks of a held lease shared by the local and the HDFS tests. */
public final class LeaseChecks {
  private LeaseChecks() {}

  /**
   * Sets the lease file's time back to 0 and waits (at most 30 s, not a fixed sleep) for the
   * holder's renewer to move it forward again; the lease is still held after.
   */
  public static void assertRenewed(FileSystem fs, Path file, RunLease lease) throws Exception {
    fs.setTimes(file, 0, -1);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (fs.getFileStatus(file).getModificationTime() == 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(fs.getFileStatus(file).getModificationTime()).isPositive();
    lease.checkHeld();
  }
}
