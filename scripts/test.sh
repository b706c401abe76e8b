#!/usr/bin/env bash
# Runs the whole test suite: unit tests (*Test), then the shaded jar is built and the integration
# tests (*IT: Spark local mode, spark-submit of the built jar, the HTML report in headless
# Chromium) run against it. Installs what the tests need first (Chromium, via apt-get).
#
# Environment: MAVEN_ARGS (extra Maven arguments, e.g. -o).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

"$root/scripts/install-chromium.sh"

export SPARK_LOCAL_IP=127.0.0.1
# shellcheck disable=SC2086
mvn -B ${MAVEN_ARGS:-} verify
