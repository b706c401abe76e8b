"""One local SparkSession with the attnsum jar for the whole test run."""

import os
from pathlib import Path

import pytest
from pyspark.sql import SparkSession

import attnsum

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "job" / "src" / "test" / "resources" / "sample" / "news.jsonl"
# Shared with the Java integration tests, which distil the static pack into it first.
ENCODER_CACHE = ROOT / "job" / "target" / "encoder-cache"


@pytest.fixture(scope="session")
def spark():
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    session = (
        SparkSession.builder.master("local[2]")
        .appName("attnsum-python-test")
        .config(map=attnsum.spark_conf())
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    yield session
    session.stop()
