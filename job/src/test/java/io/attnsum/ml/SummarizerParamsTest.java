package io.attnsum.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import io.attnsum.config.ConfigLoader;
import io.attnsum.job.JobSettings;
import io.attnsum.rank.Budget;
import org.junit.jupiter.api.Test;

/** The Summarizer's params as the job's settings, without Spark. */
class SummarizerParamsTest {
  private static final Config REFERENCE = ConfigLoader.defaults();

  @Test
  void defaultsAreReferenceConfs() {
    Summarizer s = new Summarizer();
    assertThat(s.getNumSentences()).isEqualTo(REFERENCE.getInt("summary.sentences"));
    assertThat(s.getBudget()).isEqualTo(REFERENCE.getString("summary.budget"));
    assertThat(s.getRatio()).isEqualTo(REFERENCE.getDouble("summary.ratio"));
    assertThat(s.getEmbeddingWeight()).isEqualTo(REFERENCE.getDouble("rank.embedding-weight"));
    assertThat(s.getEncoderMode()).isEqualTo(REFERENCE.getString("encoder.mode"));
    assertThat(s.getTextCol()).isEqualTo(REFERENCE.getString("input.text-field"));
    assertThat(s.isDefined(s.idCol())).isFalse();
    assertThat(s.getConfig()).isEmpty();
    // The settings a fresh Summarizer makes are the job's defaults.
    JobSettings job = JobSettings.load(null, java.util.List.of("input.path=x", "output.path=w"));
    JobSettings ml = s.settings("w");
    assertThat(ml.rank()).isEqualTo(job.rank());
    assertThat(ml.text()).isEqualTo(job.text());
    assertThat(ml.encoder()).isEqualTo(job.encoder());
    assertThat(ml.attention()).isEqualTo(job.attention());
  }

  @Test
  void paramsAndConfigReachTheJobsSettings() {
    Summarizer s = new Summarizer().setNumSentences(2).setBudget("words").setMaxWords(40)
        .setEmbeddingWeight(0.0).setConfig("rank.damping", "0.8")
        .setConfig("text.max-sentences", "50").setConfig("output.token-weights", "true");
    JobSettings settings = s.settings("w");
    assertThat(settings.rank().summary().sentences()).isEqualTo(2);
    assertThat(settings.rank().summary().budget()).isEqualTo(Budget.WORDS);
    assertThat(settings.rank().summary().maxWords()).isEqualTo(40);
    assertThat(settings.rank().embeddingWeight()).isZero();
    assertThat(settings.rank().damping()).isEqualTo(0.8);
    assertThat(settings.text().maxSentences()).isEqualTo(50);
    assertThat(settings.output().tokenWeights()).isTrue();
    assertThat(s.getConfig()).containsOnlyKeys("rank.damping", "text.max-sentences",
        "output.token-weights");
    // The copy has the same settings.
    assertThat(s.copy(new org.apache.spark.ml.param.ParamMap()).settings("w")).isEqualTo(settings);
  }

  @Test
  void anUnknownKeyIsRefusedWithADidYouMean() {
    assertThatThrownBy(() -> new Summarizer().setConfig("rank.dampng", "0.8"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rank.dampng")
        .hasMessageContaining("did you mean 'rank.damping'");
  }

  @Test
  void aBadValueIsRefusedNamingTheParamAndItsKey() {
    assertThatThrownBy(() -> new Summarizer().setNumSentences(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("numSentences")
        .hasMessageContaining("summary.sentences");
    assertThatThrownBy(() -> new Summarizer().setBudget("paragraphs"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("budget")
        .hasMessageContaining("paragraphs");
    assertThatThrownBy(() -> new Summarizer().setConfig("rank.damping", "lots"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rank.damping");
  }

  @Test
  void keysThatHaveNoMeaningForADataFrameOrHaveTheirOwnParamAreRefused() {
    assertThatThrownBy(() -> new Summarizer().setConfig("summary.sentences", "2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("numSentences");
    assertThatThrownBy(() -> new Summarizer().setConfig("input.text-field", "body"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("textCol");
    assertThatThrownBy(() -> new Summarizer().setConfig("run.id", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("run.id")
        .hasMessageContaining("batch job");
    assertThatThrownBy(() -> new Summarizer().setConfig("spark.conf.spark.executor.cores", "2"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aClusterMasterNeedsAWorkDir() {
    assertThat(WorkFolders.defaultRoot("local[*]", null)).startsWith("file:")
        .contains("attnsum-");
    assertThat(WorkFolders.defaultRoot("yarn", "hdfs:///enc")).isEqualTo("hdfs:/enc/_work");
    assertThatThrownBy(() -> WorkFolders.defaultRoot("yarn", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("workDir");
  }
}
