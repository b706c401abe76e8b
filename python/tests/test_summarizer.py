"""attnsum.Summarizer from Python, against the batch job run in the same JVM."""

import json

import pytest
from pyspark.ml import Pipeline, PipelineModel
from pyspark.ml.feature import SQLTransformer
from pyspark.sql.types import StringType, StructField, StructType

from attnsum import Summarizer
from conftest import ENCODER_CACHE, SAMPLE

SCHEMA = StructType([StructField("id", StringType(), False), StructField("text", StringType())])


def sample_rows():
    with open(SAMPLE, encoding="utf-8") as f:
        return [(d["id"], d["text"]) for d in map(json.loads, f)]


def summarizer(tmp_path, **params):
    return Summarizer(idCol="id", encoderCachePath=str(ENCODER_CACHE),
                      workDir=(tmp_path / "work").as_uri(), **params)


@pytest.fixture(scope="module")
def batch_job(spark, tmp_path_factory):
    """The batch job's summaries and sentences of the sample corpus, as the CLI writes them."""
    out = tmp_path_factory.mktemp("job")
    jvm = spark._jvm
    settings = jvm.io.attnsum.job.JobSettings.load(None, [
        f"input.path={SAMPLE}", f"output.path={out}", "run.id=py",
        f"encoder.cache-path={ENCODER_CACHE}"])
    jvm.io.attnsum.job.SummarizationJob(spark._jsparkSession, settings).run()
    run = out / "run_id=py"
    summaries = {r.doc_id: r for r in spark.read.parquet(str(run / "summaries")).collect()}
    sentences = {}
    for r in spark.read.parquet(str(run / "sentences")).collect():
        sentences.setdefault(r.doc_id, {})[r["index"]] = r
    return summaries, sentences


def test_columns_and_summaries_are_the_batch_jobs(spark, tmp_path, batch_job):
    rows = sample_rows()
    out = summarizer(tmp_path).transform(spark.createDataFrame(rows, SCHEMA))
    assert out.columns == ["id", "text", "summary", "summarySentences", "sentences", "error"]
    assert out.schema["sentences"].dataType.elementType.fieldNames() == [
        "index", "text", "start", "end", "score", "rank", "selected", "known_tokens"]
    got = out.collect()
    assert [r.id for r in got] == [r[0] for r in rows]
    summaries, sentences = batch_job
    assert len(summaries) == len(rows)
    for r in got:
        expected = summaries[r.id]
        assert r.error is None
        assert r.summary == expected.summary
        assert r.summarySentences == list(expected.sentence_indices)
        for s in r.sentences:
            job = sentences[r.id][s["index"]]
            assert (s.text, s.start, s.end, s.score, s.rank, s.selected) == (
                job.text, job.start, job.end, job.score, job.rank, job.selected)
    # A known summary: the first article's, three sentences of its text.
    first = got[0]
    assert first.id == "bbc_business_001"
    assert len(first.summarySentences) == 3
    for line in first.summary.split("\n"):
        assert " ".join(line.split()) in " ".join(first.text.split())


def test_rows_without_a_summary_say_why(spark, tmp_path):
    rows = sample_rows()[:3] + [("none", None), ("blank", "  \n "),
                                ("large", "word " * (1024 * 1024))]
    got = summarizer(tmp_path).transform(spark.createDataFrame(rows, SCHEMA)).collect()
    assert len(got) == len(rows)
    errors = {r.id: r.error for r in got}
    assert errors == {rows[0][0]: None, rows[1][0]: None, rows[2][0]: None,
                      "none": "MISSING_TEXT", "blank": "EMPTY_TEXT", "large": "TOO_LARGE"}
    for r in got[3:]:
        assert r.summary is None and r.sentences is None


def test_a_bad_param_raises_naming_it(spark):
    with pytest.raises(ValueError, match="numSentences"):
        Summarizer(numSentences=0)
    with pytest.raises(ValueError, match="did you mean 'rank.damping'"):
        Summarizer().setConfig("rank.dampng", 0.8)
    with pytest.raises(ValueError, match="budget"):
        Summarizer().setBudget("paragraphs")
    s = Summarizer(numSentences=2).setConfig("rank.damping", 0.8)
    assert s.getNumSentences() == 2
    assert s.getConfig() == {"rank.damping": "0.8"}


def test_saved_loaded_and_in_a_pipeline(spark, tmp_path):
    frame = spark.createDataFrame(sample_rows()[:5], SCHEMA)
    s = summarizer(tmp_path, numSentences=2).setConfig("rank.damping", 0.8)
    s.write().overwrite().save(str(tmp_path / "summarizer"))
    loaded = Summarizer.load(str(tmp_path / "summarizer"))
    assert loaded.uid == s.uid
    assert loaded.getNumSentences() == 2 and loaded.getConfig() == {"rank.damping": "0.8"}
    expected = s.transform(frame).collect()
    assert loaded.transform(frame).collect() == expected

    pipeline = Pipeline(stages=[SQLTransformer(statement="SELECT * FROM __THIS__"), s])
    model = pipeline.fit(frame)
    model.write().overwrite().save(str(tmp_path / "pipeline"))
    reloaded = PipelineModel.load(str(tmp_path / "pipeline"))
    assert isinstance(reloaded.stages[1], Summarizer)
    assert reloaded.transform(frame).collect() == expected
