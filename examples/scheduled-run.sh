#!/usr/bin/env bash
# A scheduled run of attnsum: one run per day, run.id = that day, through scripts/submit.sh.
# Safe to rerun: the same day's output is replaced atomically and other days are untouched.
# Exit codes pass through: 0 ok, 1 failure, 2 bad configuration, 3 input missing or empty
# (a scheduler may retry later), 4 data-quality threshold exceeded (page someone), 5 another run
# of the same day is running (retry later).
#
# Example crontab line (every day at 02:30, for yesterday's partition):
#   30 2 * * * ATTNSUM_MASTER=yarn /opt/attnsum/examples/scheduled-run.sh >>/var/log/attnsum.log 2>&1
#
# Environment:
#   ATTNSUM_MASTER   (required, see submit.sh)   ATTNSUM_CONFIG  config file [conf/cluster.conf]
#   RUN_DATE         the day to process, yyyy-mm-dd [yesterday, UTC]
#   INPUT_TEMPLATE   input path with {date} [from the config file]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
run_date="${RUN_DATE:-$(date -u -d yesterday +%Y-%m-%d)}"
args=(--config "${ATTNSUM_CONFIG:-$root/conf/cluster.conf}" --set "run.id=$run_date")
if [ -n "${INPUT_TEMPLATE:-}" ]; then
  args+=(--set "input.path=${INPUT_TEMPLATE//\{date\}/$run_date}")
fi
exec "$root/scripts/submit.sh" "${args[@]}" "$@"
