package io.attnsum.job;

import io.attnsum.cli.Main;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code attnsum} in a JVM of its own whose first summarize task holds until a file appears, for
 * tests that kill or race a run at a known point (KilledRunIT).
 *
 * <p>Arguments: REACHED RELEASE COMMAND...: the task creates REACHED when it gets there and goes
 * on once RELEASE exists; "-" for both runs the command without holding.
 */
public final class HeldRun {
  private HeldRun() {}

  public static void main(String[] args) {
    if (!args[0].equals("-")) {
      FaultInjection.holdAt("summarize", Path.of(args[0]), Path.of(args[1]));
    }
    System.exit(Main.run(Arrays.copyOfRange(args, 2, args.length)));
  }
}
