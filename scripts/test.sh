#!/usr/bin/env bash
# Runs the whole test suite: unit tests (*Test), then the shaded jar is built and the integration
# tests (*IT: Spark local mode, spark-submit of the built jar, a standalone cluster on HDFS, the
# HTML report in headless Chromium) run against it. Installs what the tests need first (Chromium,
# via apt-get). Maven's log is shown whole except its per-file download lines, which become a
# running total (scripts/maven.sh).
#
# Environment: MAVEN_ARGS (extra Maven arguments, e.g. -o).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

"$root/scripts/install-chromium.sh"

export SPARK_LOCAL_IP=127.0.0.1
echo "test.sh: mvn verify (unit tests, the shaded jar, integration tests; the first run" \
  "downloads about 800 MB from Maven Central)..."
"$root/scripts/maven.sh" verify
