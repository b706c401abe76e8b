#!/usr/bin/env bash
# Runs attnsum in local mode on the bundled sample corpus (40 BBC News articles), then prints
# where the output is and a few summaries. Needs only a JDK 17 and Maven: builds what is missing.
#
# Environment: ATTNSUM_MASTER (default local[*]), plus everything scripts/attnsum reads.
# Extra arguments are passed to `attnsum run`, e.g. --set summary.sentences=2
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

"$root/scripts/attnsum" run --config conf/local.conf "$@"

run_dir="$root/out/local/run_id=sample"
echo
echo "Output: $run_dir"
ls "$run_dir"
echo
"$root/scripts/attnsum" show "$run_dir" --limit 3
