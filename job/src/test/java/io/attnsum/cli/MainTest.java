package io.attnsum.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attnsum.config.ConfigException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  /** Every command answers --help and -h, wherever they stand, with its own usage and exit 0. */
  @Test
  void everyCommandAnswersHelpWithItsUsage() {
    String[][] cases = {
        {"run", "--help"}, {"run", "--set", "input.path=x", "-h"}, {"help", "run"},
        {"eval", "--help"}, {"eval", "--gold", "g.jsonl", "-h"}, {"help", "eval"},
        {"show", "--help"}, {"show", "out/run_id=x", "-h"}, {"help", "show"}};
    String[] usages = {"Usage: attnsum run", "usage: attnsum eval", "Usage: attnsum show"};
    for (int i = 0; i < cases.length; i++) {
      out.reset();
      err.reset();
      assertThat(Main.run(cases[i])).as(String.join(" ", cases[i])).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8)).as(String.join(" ", cases[i])).contains(usages[i / 3]);
      assertThat(err.toString(StandardCharsets.UTF_8)).as(String.join(" ", cases[i])).isEmpty();
    }
  }

  @Test
  void withoutACommandTheHelpGoesToStderrAsAUsageError() {
    assertThat(Main.run(new String[0])).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("attnsum run");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  /** The versions come from the class path; no Spark session is needed for them. */
  @Test
  void versionPrintsWhatRunsTheJob() {
    assertThat(Main.run(new String[] {"--version"})).isZero();
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).containsPattern("(?m)^attnsum \\S+$")
        .contains("spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + "\n")
        .contains("scala " + scala.util.Properties.versionNumberString() + "\n")
        .contains("java " + System.getProperty("java.version") + "\n")
        .contains("hadoop " + org.apache.hadoop.util.VersionInfo.getVersion() + "\n")
        .contains("nd4j 1.0.0-M2.1\n").contains("dl4j 1.0.0-M2.1\n");
  }

  @Test
  void runWithoutInputSaysInputPathIsRequired() {
    assertThat(Main.run(new String[] {"run", "--set", "output.path=out"})).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("configuration error: config key 'input.path': is required")
        .contains("--set input.path=");
    String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
    assertThat(lines[lines.length - 1]).startsWith("{\"status\":\"config_error\"");
  }

  /**
   * A path that does not exist exits 3 before Spark starts. The master is one Spark cannot
   * parse: had Spark started, the run would fail with exit 1 instead.
   */
  @Test
  void aMissingInputPathExitsThreeBeforeSparkStarts(@TempDir Path tmp) {
    String missing = tmp.resolve("no-such-corpus-*.jsonl").toString();
    int code = Main.run(new String[] {"run", "--set", "input.path=" + missing, "--set", "output.path=" + tmp.resolve("out"),
        "--set", "spark.conf.\"spark.master\"=no-such-master://x"});
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(3);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("input.path matches nothing: " + missing);
    String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
    assertThat(lines[lines.length - 1]).startsWith("{\"status\":\"input_error\"");
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  /**
   * A user's encoder that is not one (here a folder whose model.onnx is cut short) exits 2,
   * naming the file, before the job reads the corpus: the run's output folder is never made.
   */
  @Test
  void aBrokenEncoderPathExitsTwoBeforeTheCorpusIsRead(@TempDir Path tmp) throws Exception {
    Path encoder = io.attnsum.encode.TinyBert.writeTo(tmp.resolve("encoder"));
    byte[] model = Files.readAllBytes(encoder.resolve("model.onnx"));
    Files.write(encoder.resolve("model.onnx"), java.util.Arrays.copyOf(model, model.length / 2));
    Path sample = Path.of("src/test/resources/sample/news.jsonl").toAbsolutePath();
    int code = Main.run(new String[] {"run", "--set", "input.path=" + sample,
        "--set", "output.path=" + tmp.resolve("out"), "--set", "encoder.path=" + encoder,
        "--set", "spark.conf.\"spark.master\"=local[1]"});
    String stderr = err.toString(StandardCharsets.UTF_8);
    assertThat(code).as(stderr).isEqualTo(2);
    assertThat(stderr).contains("attnsum: encoder error: " + encoder.resolve("model.onnx")
        + ": is not a readable ONNX model (truncated or corrupt?)");
    String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
    assertThat(lines[lines.length - 1]).startsWith("{\"status\":\"encoder_error\"");
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void showChecksItsArguments(@TempDir Path tmp) {
    assertThat(Main.run(new String[] {"show"})).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("RUN_DIR is required").contains("Usage: attnsum show");
    assertThat(Main.run(new String[] {"show", "x", "--limit", "many"})).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--limit needs a whole number >= 0, got 'many'");
    assertThat(Main.run(new String[] {"show", "x", "--lmit=2"})).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option '--lmit=2'");
    assertThat(Main.run(new String[] {"show", tmp.resolve("run_id=none").toString()})).isEqualTo(3);
  }

  @Test
  void showPrintsTheFirstSummaries(@TempDir Path tmp) throws Exception {
    Path summaries = Files.createDirectories(tmp.resolve("run_id=r/summaries"));
    Files.writeString(summaries.resolve("part-00000.json"),
        "{\"doc_id\":\"a\",\"summary\":\"One.\\nTwo.\",\"sentence_indices\":[0,2],\"sentence_count\":5}\n"
            + "{\"doc_id\":\"b\",\"summary\":\"Three.\",\"sentence_indices\":[1],\"sentence_count\":2}\n");
    assertThat(Main.run(new String[] {"show", tmp.resolve("run_id=r").toString(), "--limit=1"})).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("== a (2 of 5 sentences)\n  - One.\n  - Two.\n");
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
