"""Where the attnsum jar is, and the Spark settings that load it."""

import os
from pathlib import Path
from typing import Dict, Optional

JAR = Path("job") / "target" / "attnsum-job.jar"

# The Java attention kernel needs JDK 17's incubator module; without it attention.kernel = auto
# falls back to ND4J's kernel, whose floats differ from the batch job's in the last bits.
JAVA_OPTIONS = "--add-modules=jdk.incubator.vector"


def jar_path() -> str:
    """The attnsum jar: ``ATTNSUM_JAR``, else ``job/target/attnsum-job.jar`` of the checkout.

    The checkout is the one this package was installed from in place (``pip install -e``), or
    the current directory or one above it.
    """
    env = os.environ.get("ATTNSUM_JAR")
    if env:
        if not Path(env).is_file():
            raise FileNotFoundError(f"ATTNSUM_JAR={env}: no such file")
        return str(Path(env).resolve())
    here = Path(__file__).resolve().parent
    cwd = Path.cwd().resolve()
    for folder in [here.parent.parent, cwd, *cwd.parents]:
        if (folder / JAR).is_file():
            return str(folder / JAR)
    raise FileNotFoundError(
        "attnsum: no jar found: set ATTNSUM_JAR to attnsum-job.jar, or run from the attnsum"
        f" checkout after building it there (mvn -B -DskipTests package writes {JAR})"
    )


def spark_conf(jar: Optional[str] = None) -> Dict[str, str]:
    """Settings for ``SparkSession.builder.config(map=...)``: the jar and the JVM options.

    They must be set before the session starts. On a cluster, ship the same jar with
    ``--jars``/``spark.jars``.
    """
    return {
        "spark.jars": jar or jar_path(),
        "spark.driver.extraJavaOptions": JAVA_OPTIONS,
        "spark.executor.extraJavaOptions": JAVA_OPTIONS,
    }
