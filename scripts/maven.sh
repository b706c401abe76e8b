#!/usr/bin/env bash
# Runs Maven for the other scripts, with output a person can follow on a first run:
#   - batch mode, no colours, and the escape codes some Maven packages print even in batch mode
#     (Debian's Maven 3.8 writes ESC[0m at start and exit) stripped;
#   - Maven's two lines per downloaded file replaced by a running total, one line per 25 MB
#     (the first build fetches several hundred MB from Maven Central into ~/.m2);
#   - with --steps, only one line per build step (plugin execution), the errors and the result,
#     instead of Maven's whole log.
#
#   scripts/maven.sh [--steps] MAVEN_ARGUMENTS...
#
# Output goes to stdout (callers whose stdout is data redirect it to stderr); the exit code is
# Maven's.
#
# Environment: MAVEN_ARGS (extra Maven arguments, e.g. -o; split on spaces).
set -euo pipefail

steps=0
if [ "${1:-}" = --steps ]; then
  steps=1
  shift
fi
extra=()
if [ -n "${MAVEN_ARGS:-}" ]; then
  read -r -a extra <<<"$MAVEN_ARGS"
fi

mvn -B -Dstyle.color=never "${extra[@]}" "$@" 2>&1 | awk -v steps="$steps" '
  function mb(bytes) { return sprintf("%.0f", bytes / 1e6) }
  {
    gsub(/\033\[[0-9;]*[A-Za-z]/, "")
  }
  /^\[INFO\] Downloading from / { next }
  /^\[INFO\] Downloaded from / {
    files++
    # "... (5.6 kB at 6.7 kB/s)": the size is the first number in the last parentheses.
    n = split($0, part, "(")
    split(part[n], size, " ")
    unit = size[2]
    factor = unit == "GB" ? 1e9 : unit == "MB" ? 1e6 : unit == "kB" ? 1e3 : 1
    bytes += size[1] * factor
    if (files == 1) {
      print "maven: downloading from Maven Central into the local repository (~/.m2)..."
    }
    if (bytes >= next_report + 25e6) {
      print "maven: downloaded " mb(bytes) " MB (" files " files) so far"
      next_report = bytes
    }
    fflush()
    next
  }
  steps && /^\[INFO\] --- / {
    line = $0
    sub(/^\[INFO\] --- /, "", line)
    sub(/ ---$/, "", line)
    print "maven: " line
    fflush()
    next
  }
  steps && /^\[INFO\] (BUILD (SUCCESS|FAILURE)|Total time)/ {
    line = $0
    sub(/^\[INFO\] /, "", line)
    print "maven: " line
    fflush()
    next
  }
  steps && !/^\[ERROR\]/ { next }
  {
    print
    fflush()
  }
  END {
    if (files > 0) {
      print "maven: downloaded " mb(bytes) " MB (" files " files) in all"
    }
  }
'
