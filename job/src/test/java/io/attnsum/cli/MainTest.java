package io.attnsum.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attnsum.config.ConfigException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream oldOut;
  private PrintStream oldErr;

  @BeforeEach
  void capture() {
    oldOut = System.out;
    oldErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(oldOut);
    System.setErr(oldErr);
  }

  @Test
  void helpExitsZeroAndNamesTheCommands() {
    assertThat(Main.run(new String[] {"--help"})).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("attnsum run").contains("attnsum eval");
  }

  @Test
  void unknownCommandIsAUsageError() {
    assertThat(Main.run(new String[] {"summarize"})).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'summarize'");
  }

  @Test
  void configErrorsExitTwoWithAJsonSummaryLast() {
    int code = Main.run(new String[] {"run", "--set", "input.path=a", "--set", "output.path=b", "--set", "output.format=csv"});
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("output.format").contains("\"csv\"").contains("parquet | jsonl");
    String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
    assertThat(lines[lines.length - 1]).startsWith("{\"status\":\"config_error\"");
  }

  @Test
  void printConfigShowsEffectiveValuesWithoutStartingSpark() {
    int code = Main.run(new String[] {"run", "--set", "input.path=a", "--set", "output.path=b", "--print-config"});
    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("input.path = \"a\"").contains("summary.sentences = 3");
  }

  @Test
  void argumentsAreParsedStrictly() {
    assertThatThrownBy(() -> Main.parseRunArgs(new String[] {"--sett", "a=b"})).isInstanceOf(ConfigException.class)
        .hasMessageContaining("--sett");
    assertThatThrownBy(() -> Main.parseRunArgs(new String[] {"--set"})).hasMessageContaining("needs a value");
    assertThat(Main.parseRunArgs(new String[] {"--set=a=b", "--config", "x.conf"}).sets()).containsExactly("a=b");
  }

  /**
   * java-vector without the module is a configuration error before Spark starts in local mode
   * (this JVM runs the tasks), naming the key and the JVM option; auto and nd4j are fine, and so
   * is a cluster master, where only the executors' JVMs matter.
   */
  @Test
  void javaKernelWithoutTheModuleFailsAsConfigurationInLocalMode() {
    var kernel = io.attnsum.attention.AttentionKernel.JAVA_VECTOR;
    assertThatThrownBy(() -> Main.checkKernel(kernel, false, "local[2]"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("attention.kernel")
        .hasMessageContaining("--add-modules=jdk.incubator.vector");
    Main.checkKernel(kernel, true, "local[2]");
    Main.checkKernel(kernel, false, "spark://host:7077");
    Main.checkKernel(io.attnsum.attention.AttentionKernel.AUTO, false, "local[2]");
    Main.checkKernel(io.attnsum.attention.AttentionKernel.ND4J, false, "local[2]");
  }

  /** Executors get the Vector API module once, after whatever options the user gave them. */
  @Test
  void executorsGetTheVectorApiModuleOnceAndKeepOtherOptions() {
    assertThat(executorOptionsAfter(null, 1)).isEqualTo("--add-modules=jdk.incubator.vector");
    assertThat(executorOptionsAfter("-XX:+UseG1GC -Dx=1", 2))
        .isEqualTo("-XX:+UseG1GC -Dx=1 --add-modules=jdk.incubator.vector");
    assertThat(executorOptionsAfter("--add-modules jdk.incubator.vector -Dy=2", 1))
        .isEqualTo("--add-modules jdk.incubator.vector -Dy=2");
  }

  /** spark.executor.extraJavaOptions after {@code times} calls, starting from {@code initial}. */
  private static String executorOptionsAfter(String initial, int times) {
    org.apache.spark.SparkConf conf = new org.apache.spark.SparkConf(false);
    if (initial != null) {
      conf.set("spark.executor.extraJavaOptions", initial);
    }
    for (int i = 0; i < times; i++) {
      Main.addVectorApiToExecutors(conf);
    }
    return conf.get("spark.executor.extraJavaOptions");
  }
}
