package io.attnsum.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLayoutTest {
  @TempDir Path out;

  private Path staged(String runId, String suffix) throws Exception {
    Path dir = out.resolve("_staging/run_id=" + runId + "." + UUID.randomUUID() + suffix);
    Files.createDirectories(dir.resolve("sentences"));
    Files.writeString(dir.resolve("sentences/part-00000.json"), "{}\n");
    return dir;
  }

  /** What dead runs of the id left goes; other ids' staging and lookalike names stay. */
  @Test
  void removesOnlyWhatEarlierRunsOfItsIdLeft() throws Exception {
    Path killed = staged("k1", "");
    Path replaced = staged("k1", ".replaced");
    Path otherId = staged("k10", "");
    Path dotted = staged("k1.x", "");
    Files.createDirectories(out.resolve("run_id=k1"));
    RunLayout layout = new RunLayout(new Configuration(), out.toUri().toString(), "k1");
    assertThat(layout.removeAbandonedStaging()).hasSize(2);
    assertThat(killed).doesNotExist();
    assertThat(replaced).doesNotExist();
    assertThat(otherId).exists();
    assertThat(dotted).exists();
    assertThat(out.resolve("run_id=k1")).exists();
  }

  /** A run that died between moving the published output aside and publishing its own. */
  @Test
  void putsBackAPreviousOutputThatADeadRunMovedAside() throws Exception {
    Path replaced = staged("k1", ".replaced");
    Files.writeString(replaced.resolve("_SUCCESS"), "");
    RunLayout layout = new RunLayout(new Configuration(), out.toUri().toString(), "k1");
    assertThat(layout.removeAbandonedStaging()).isEmpty();
    assertThat(out.resolve("run_id=k1/_SUCCESS")).exists();
    assertThat(out.resolve("run_id=k1/sentences/part-00000.json")).exists();
  }

  @Test
  void nothingToDoWithoutAStagingRoot() throws Exception {
    RunLayout layout = new RunLayout(new Configuration(), out.toUri().toString(), "k1");
    assertThat(layout.removeAbandonedStaging()).isEmpty();
    assertThat(layout.leaseFile().getName()).isEqualTo("run_id=k1.lease");
  }
}
