package io.attnsum.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.attnsum.config.ConfigException;
import io.attnsum.eval.EvalArguments;
import io.attnsum.eval.EvalCommand;
import io.attnsum.job.JobSettings;
import io.attnsum.job.QualityException;
import io.attnsum.job.RunResult;
import io.attnsum.job.SummarizationJob;
import io.attnsum.job.Versions;
import io.attnsum.read.InputException;
import io.attnsum.read.InputPresence;
import io.attnsum.encode.VectorFileException;
import io.attnsum.write.RunInUseException;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point for {@code scripts/attnsum} and {@code spark-submit}. Exit codes a scheduler can act
 * on: 0 success, 1 other failure, 2 bad usage or configuration, 3 input missing or empty, 4 data
 * quality threshold exceeded, 5 another run of the same run id is in progress. The last stdout
 * line of {@code run} is a one-line JSON summary.
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;
  public static final int NO_INPUT = 3;
  public static final int QUALITY = 4;
  public static final int RUN_IN_USE = 5;

  /**
   * How long the check for input.path before Spark starts may take. It saves Spark's start-up
   * (seconds) when the path is wrong; a file system that does not answer within this is left to
   * the job's own check.
   */
  private static final Duration INPUT_CHECK_TIMEOUT = Duration.ofSeconds(10);

  static final String EXIT_CODES =
      """
      Exit codes: 0 ok, 1 failure, 2 usage/config error, 3 input missing or empty,
      4 data-quality threshold exceeded, 5 the run id is in use by another run (retry later).
      """;

  static final String HELP =
      """
      attnsum: extractive summarization with attention-weighted sentence vectors, on Spark.

      Usage:
        attnsum run [--config FILE] [--set key=value]... [--print-config]
        attnsum eval --gold FILE --pred OUTPUT_DIR --out REPORT_DIR [options]
        attnsum show RUN_DIR [--limit N]
        attnsum --version
        attnsum --help | attnsum COMMAND --help

      Commands:
        run    summarize a corpus: reads input.path, writes <output.path>/run_id=<run.id>/
        eval   score a run's summaries against reference summaries (ROUGE, with baselines)
        show   print a few summaries of a run written as JSON Lines

      """ + EXIT_CODES;

  static final String RUN_HELP =
      """
      Usage: attnsum run [--config FILE] [--set key=value]... [--print-config]

      Reads input.path and writes <output.path>/run_id=<run.id>/ with the tables sentences,
      summaries and rejected, plus _manifest.json and _SUCCESS.
        --config FILE     HOCON file layered over the defaults (reference.conf)
        --set key=value   override one key (wins over --config); repeatable
        --print-config    print the effective configuration and exit
        --help, -h        this text

      Required keys: input.path, output.path. Others (see README.md and reference.conf for all):
      input.format (jsonl|text|parquet|csv), input.id-field, input.text-field, output.format
      (parquet|jsonl), output.mode, run.id, summary.sentences, vectors.path, text.language.
      The last line on stdout is a one-line JSON summary of the run.

      """ + EXIT_CODES;

  private Main() {}

  public static void main(String[] args) {
    int code = run(args);
    // Spark leaves non-daemon threads behind; exit explicitly so schedulers see the code.
    System.exit(code);
  }

  /** Runs a command and returns its exit code (never calls System.exit). */
  public static int run(String[] args) {
    if (args.length == 0) {
      System.err.print(HELP);
      return USAGE;
    }
    String command = args[0];
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    if (command.equals("help")) {
      // attnsum help [COMMAND]: the same as attnsum [COMMAND] --help
      return rest.length == 0 ? run(new String[] {"--help"}) : run(new String[] {rest[0], "--help"});
    }
    return switch (command) {
      case "--help", "-h" -> print(HELP);
      case "--version", "-V", "version" -> printVersions();
      case "run" -> asksForHelp(rest) ? print(RUN_HELP) : runJob(rest);
      case "eval" -> asksForHelp(rest) ? print(EvalArguments.USAGE + "\n") : EvalCommand.run(rest);
      case "show" -> asksForHelp(rest) ? print(ShowCommand.USAGE) : ShowCommand.run(rest);
      default -> {
        System.err.println("attnsum: unknown command '" + command + "'\n");
        System.err.print(HELP);
        yield USAGE;
      }
    };
  }

  /** A command's own {@code --help} or {@code -h}, wherever it is among the command's arguments. */
  static boolean asksForHelp(String[] args) {
    for (String a : args) {
      if (a.equals("--help") || a.equals("-h")) {
        return true;
      }
    }
    return false;
  }

  private static int print(String text) {
    System.out.print(text);
    return OK;
  }

  /** attnsum's own version and those of what runs it, read from the class path (no Spark start). */
  private static int printVersions() {
    Versions.all().forEach((name, version) -> System.out.println(name + " " + version));
    return OK;
  }

  record RunArgs(File config, List<String> sets, boolean printConfig) {}

  static RunArgs parseRunArgs(String[] args) {
    File config = null;
    List<String> sets = new ArrayList<>();
    boolean print = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--config" -> config = new File(value(args, ++i, a));
        case "--set" -> sets.add(value(args, ++i, a));
        case "--print-config" -> print = true;
        default -> {
          if (a.startsWith("--set=")) {
            sets.add(a.substring(6));
          } else if (a.startsWith("--config=")) {
            config = new File(a.substring(9));
          } else {
            throw new ConfigException(null, "unknown argument '" + a + "' (see attnsum run --help)");
          }
        }
      }
    }
    return new RunArgs(config, sets, print);
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new ConfigException(null, flag + " needs a value");
    }
    return args[i];
  }

  static int runJob(String[] args) {
    long started = System.nanoTime();
    JobSettings config;
    try {
      RunArgs parsed = parseRunArgs(args);
      config = JobSettings.load(parsed.config(), parsed.sets());
      checkKernel(config.attention().kernel(),
          io.attnsum.attention.AttentionKernel.vectorApiAvailable(), master(config));
      if (parsed.printConfig()) {
        config.effectiveLines().forEach(System.out::println);
        return OK;
      }
    } catch (ConfigException e) {
      System.err.println("attnsum: configuration error: " + e.getMessage());
      printSummary(failure("config_error", e.getMessage(), null, started));
      return USAGE;
    }
    LOG.info("effective configuration:\n  {}", String.join("\n  ", config.effectiveLines()));
    SparkConf sparkConf = sparkConf(config);
    InputPresence.Result input =
        InputPresence.check(hadoopConfiguration(sparkConf), config.input().path(), INPUT_CHECK_TIMEOUT);
    if (input.answer() == InputPresence.Answer.MISSING) {
      return fail(NO_INPUT, "input_error", new InputException(input.detail()), config, started);
    }
    if (input.answer() == InputPresence.Answer.UNKNOWN) {
      LOG.info("input.path not checked before Spark starts ({}); the job checks it", input.detail());
    }
    SparkSession spark = null;
    try {
      spark = SparkSession.builder().config(sparkConf).getOrCreate();
      RunResult r = new SummarizationJob(spark, config).run();
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("status", "succeeded");
      summary.put("run_id", r.runId());
      summary.put("input_records", r.inputRecords());
      summary.put("documents", r.documents());
      summary.put("rejected", r.rejected());
      summary.put("output", r.outputPath());
      summary.put("seconds", Math.round(r.seconds() * 10) / 10.0);
      printSummary(summary);
      return OK;
    } catch (ConfigException e) {
      return fail(USAGE, "config_error", e, config, started);
    } catch (InputException e) {
      return fail(NO_INPUT, "input_error", e, config, started);
    } catch (VectorFileException e) {
      // vectors.path names a file that cannot be used: fix the file or the configuration.
      return fail(USAGE, "vectors_error", e, config, started);
    } catch (io.attnsum.encode.EncoderFileException e) {
      // encoder.path holds a file that is not a usable BERT-family encoder or tokenizer.
      return fail(USAGE, "encoder_error", e, config, started);
    } catch (QualityException e) {
      return fail(QUALITY, "quality_error", e, config, started);
    } catch (RunInUseException e) {
      return fail(RUN_IN_USE, "run_in_use", e, config, started);
    } catch (Exception e) {
      LOG.error("run failed", e);
      return fail(FAILED, "failed", e, config, started);
    } finally {
      if (spark != null) {
        spark.stop();
      }
    }
  }

  private static int fail(int code, String status, Exception e, JobSettings config, long started) {
    System.err.println("attnsum: " + status.replace('_', ' ') + ": " + e.getMessage());
    printSummary(failure(status, e.getMessage(), config, started));
    return code;
  }

  private static Map<String, Object> failure(String status, String message, JobSettings config, long started) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", status);
    m.put("error", message);
    if (config != null) {
      m.put("run_id", config.runId());
      m.put("output", config.output().path());
    }
    m.put("seconds", Math.round((System.nanoTime() - started) / 1e8) / 10.0);
    return m;
  }

  private static void printSummary(Map<String, Object> summary) {
    try {
      System.out.println(new ObjectMapper().writeValueAsString(summary));
      System.out.flush();
    } catch (Exception e) {
      System.out.println("{\"status\":\"failed\"}");
    }
  }

  /** The master as Spark will see it: spark-submit's or -Dspark.master, or spark.conf's. */
  private static String master(JobSettings config) {
    String fromConfig = config.sparkConf().get("spark.master");
    return fromConfig != null ? fromConfig : new SparkConf().get("spark.master", "");
  }

  /**
   * In local mode this JVM runs the tasks, so {@code attention.kernel = java-vector} without the
   * Vector API module is a configuration error, reported before Spark starts (on a cluster only
   * the executors can tell, and their tasks fail with the same advice).
   */
  static void checkKernel(
      io.attnsum.attention.AttentionKernel kernel, boolean vectorApi, String master) {
    if (kernel == io.attnsum.attention.AttentionKernel.JAVA_VECTOR && !vectorApi
        && master.startsWith("local")) {
      throw new ConfigException("attention.kernel",
          "is java-vector, but this JVM, which runs the tasks in local mode, was started without "
              + io.attnsum.attention.AttentionKernel.JVM_OPTION
              + " (scripts/attnsum passes it); add it, or set attention.kernel = auto or nd4j");
    }
  }

  /**
   * Appends the Vector API module to {@code spark.executor.extraJavaOptions} unless it is there:
   * executors start after the driver, with the options the driver's configuration gives them, so
   * a {@code spark-submit} of the user's own (without scripts/submit.sh) still gets the Java
   * kernel under {@code attention.kernel = auto} on every executor, and with it one kernel and
   * the same bits on all of them. The user's other options are kept as they are.
   */
  static void addVectorApiToExecutors(SparkConf conf) {
    String key = "spark.executor.extraJavaOptions";
    String option = io.attnsum.attention.AttentionKernel.JVM_OPTION;
    String current = conf.get(key, "").trim();
    if (!current.contains("jdk.incubator.vector")) {
      conf.set(key, current.isEmpty() ? option : current + " " + option);
    }
  }

  /**
   * Spark's configuration for the run: spark-submit's or the launcher's (system properties), the
   * job's {@code spark.conf}, Kryo and the executors' Vector API module. The master comes from
   * spark-submit or -Dspark.master (scripts/attnsum); never from here.
   */
  static SparkConf sparkConf(JobSettings config) {
    SparkConf conf = new SparkConf().setAppName(config.appName());
    config.sparkConf().forEach(conf::set);
    io.attnsum.job.KryoRegistration.configure(conf);
    addVectorApiToExecutors(conf);
    if (conf.get("spark.master", "").startsWith("local")) {
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
    }
    return conf;
  }

  /**
   * The Hadoop configuration a Spark session started with {@code conf} gives its file systems:
   * Hadoop's own files (core-site.xml, hdfs-site.xml on the class path or in HADOOP_CONF_DIR)
   * with every {@code spark.hadoop.*} setting over them, as Spark's SparkHadoopUtil layers them.
   * S3A reads AWS credentials from the environment itself.
   */
  static Configuration hadoopConfiguration(SparkConf conf) {
    Configuration hadoop = new Configuration();
    for (scala.Tuple2<String, String> kv : conf.getAllWithPrefix("spark.hadoop.")) {
      hadoop.set(kv._1(), kv._2());
    }
    return hadoop;
  }
}
