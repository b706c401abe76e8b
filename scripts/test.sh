#!/usr/bin/env bash
# Runs the whole test suite: unit tests (*Test), then the shaded jar is built and the integration
# tests (*IT: Spark local mode, spark-submit of the built jar, a standalone cluster on HDFS, the
# HTML report in headless Chromium) run against it; then the PySpark package's tests (python/tests,
# pytest) against that jar, in a virtualenv of their own (job/target/pyenv) with pyspark from PyPI.
# Installs what the tests need first (Chromium, via apt-get). Maven's log is shown whole except its
# per-file download lines, which become a running total (scripts/maven.sh).
#
# Environment: MAVEN_ARGS (extra Maven arguments, e.g. -o); PYTHON (the interpreter the
# virtualenv is made from, default python3).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

"$root/scripts/install-chromium.sh"

export SPARK_LOCAL_IP=127.0.0.1
echo "test.sh: mvn verify (unit tests, the shaded jar, integration tests; the first run" \
  "downloads about 800 MB from Maven Central)..."
"$root/scripts/maven.sh" verify

# The same pyspark as the jar's Spark (pom.xml: spark.version); about 450 MB on the first install.
echo "test.sh: PySpark tests (virtualenv job/target/pyenv; pip install pyspark, pytest, ./python)..."
python_started=$(date +%s)
venv="$root/job/target/pyenv"
if [[ ! -x "$venv/bin/python" ]]; then
  "${PYTHON:-python3}" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
  "pyspark[ml]==4.2.0" pytest "$root/python"
ATTNSUM_JAR="$root/job/target/attnsum-job.jar" "$venv/bin/python" -m pytest -q \
  -p no:cacheprovider "$root/python/tests"
echo "test.sh: PySpark part (install and tests) took $(( $(date +%s) - python_started )) s"
