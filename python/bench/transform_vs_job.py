"""Time per 1,000 documents: attnsum.Summarizer.transform against the batch job, one session.

Both run in the same local SparkSession (so neither pays the JVM's and Spark's start), on the
same documents with the same settings and encoder cache, alternating, after a warm-up of each:

    python python/bench/transform_vs_job.py [--input ../shared/data/cnndm.dev.jsonl]
        [--documents 1000] [--repeats 2] [--master local[2]]

The batch job's time is its run (read, text, encode, summarize, write, manifest); the
Summarizer's is transform (the corpus pass) plus writing its output as Parquet. Prints one line
per run and the job's stage seconds, then the medians.
"""

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from pyspark.sql import SparkSession

import attnsum

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--input", default=str(ROOT.parent / "shared" / "data" / "cnndm.dev.jsonl"))
    args.add_argument("--documents", type=int, default=1000)
    args.add_argument("--repeats", type=int, default=2)
    args.add_argument("--master", default="local[2]")
    a = args.parse_args()

    work = Path(tempfile.mkdtemp(prefix="attnsum-bench-"))
    corpus = work / "corpus.jsonl"
    with open(a.input, encoding="utf-8") as f, open(corpus, "w", encoding="utf-8") as out:
        for _, line in zip(range(a.documents), f):
            out.write(line)
    cache = ROOT / "job" / "target" / "encoder-cache"
    spark = (SparkSession.builder.master(a.master).config(map=attnsum.spark_conf())
             .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
             .config("spark.driver.memory", "4g")
             .getOrCreate())
    spark.sparkContext.setLogLevel("WARN")
    jvm = spark._jvm
    frame = spark.read.json(str(corpus)).select("id", "text")
    n = frame.count()

    def job(run: str) -> float:
        settings = jvm.io.attnsum.job.JobSettings.load(None, [
            f"input.path={corpus}", f"output.path={work / 'job'}", f"run.id={run}",
            f"encoder.cache-path={cache}"])
        started = time.perf_counter()
        jvm.io.attnsum.job.SummarizationJob(spark._jsparkSession, settings).run()
        seconds = time.perf_counter() - started
        manifest = json.loads((work / "job" / f"run_id={run}" / "_manifest.json").read_text())
        stages = {k: v["seconds"] for k, v in manifest["stages"].items()}
        print(f"job        {run}: {seconds:7.2f} s  stages {stages}", flush=True)
        return seconds

    def transform(run: str) -> float:
        summarizer = attnsum.Summarizer(encoderCachePath=str(cache))
        started = time.perf_counter()
        out = summarizer.transform(frame)
        prepared = time.perf_counter() - started
        out.write.mode("overwrite").parquet(str(work / "ml" / run))
        seconds = time.perf_counter() - started
        print(f"transform  {run}: {seconds:7.2f} s  (corpus pass {prepared:.2f} s)", flush=True)
        return seconds

    job("warmup")
    transform("warmup")
    times = {"job": [], "transform": []}
    for r in range(a.repeats):
        times["job"].append(job(f"r{r}"))
        times["transform"].append(transform(f"r{r}"))
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:10s} median {median:.2f} s for {n} documents:"
              f" {median * 1000 / n:.2f} s per 1,000 documents")
    spark.stop()


if __name__ == "__main__":
    main()
