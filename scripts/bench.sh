#!/usr/bin/env bash
# bench.sh: throughput benchmark of attnsum. Not a test: it measures, prints a markdown
# report and keeps it in job/BENCHMARKS.md (between the "bench:begin/end" markers).
#
#   1. JMH microbenchmarks of the attention stage (io.attnsum.bench.AttentionBenchRunner):
#      the project's batched ND4J attention, the same math as one ND4J op chain per sentence, and
#      plain Java loops, for tokens per sentence 8..64, d = 100/300, batch 64..1024, next to an
#      ND4J sgemm 1024x1024 measured in the same JMH run (the ceiling).
#   2. End-to-end runs of scripts/attnsum (local[2], parquet output, default memory) on generated
#      news-like corpora (io.attnsum.bench.NewsCorpusGenerator) and on cnndm.dev.jsonl, each once
#      per encoder mode (BENCH_MODES) and once with run.stages=floor (read, segment, write): documents/s,
#      sentences/s, max RSS of the launcher JVM (/usr/bin/time -v), per-stage seconds from the
#      run's _manifest.json (attention and rank as task-seconds measured inside the summarize
#      tasks, which run them fused), Spark spill bytes from the event log, and job/floor ratio;
#      on each generated corpus also Spark alone (io.attnsum.bench.SparkBaseline: read, split
#      sentences by one regular expression, write Parquet), whose fixed cost per run is Spark's.
#
# Usage: scripts/bench.sh
#
# Environment:
#   BENCH_QUICK=1        short run: quick JMH sweep (tokens 16,64; batch 256; short iterations)
#                        and sizes "2000 10000" unless BENCH_SIZES is set
#   BENCH_SIZES          generated corpus sizes in documents (default "10000 50000 200000";
#                        set but empty: no generated corpus)
#   BENCH_CNNDM          JSON Lines corpus run as is (default ../shared/data/cnndm.dev.jsonl next
#                        to the repository; empty = skip)
#   BENCH_DIM            dimension of the generated word vectors (default 300)
#   BENCH_MODES          encoder modes run on every corpus besides the floor (default
#                        "static static@0.15 word-vectors@0.15"; MODE@W also sets
#                        rank.embedding-weight=W, so that the attention stage runs)
#   BENCH_CNNDM_MODES    further modes run on cnndm.dev only (default "contextual@0.15": every
#                        sentence through the encoder, too slow for the large generated corpora)
#   BENCH_VECTORS        word-vectors mode's vectors: file: generated vectors for the corpus
#                        vocabulary (default; stands in for pretrained vectors) | train:
#                        vectors.path="" (Word2Vec on the corpus)
#   BENCH_ND4J_THREADS   OMP_NUM_THREADS for the JMH forks (default 1: a task slot's share of a
#                        core when local[2] runs on 2 cores)
#   BENCH_JMH_ARGS       extra AttentionBenchRunner arguments, e.g. "--tokens 8,64 --dims 300"
#   BENCH_SKIP_JMH=1     skip step 1;  BENCH_SKIP_E2E=1  skip step 2
#   BENCH_SKIP_BASELINE=1  no Spark-only baseline runs (io.attnsum.bench.SparkBaseline) in step 2
#   BENCH_MAX_LOAD       start each end-to-end run when the 1-minute load average is at most this
#                        (default 2.5) ...
#   BENCH_LOAD_WAIT      ... or after waiting this many seconds (default 180); the load at the
#                        start of each run is reported
#   BENCH_WORK           scratch folder for corpora, outputs, logs (default job/target/bench)
#   ATTNSUM_MASTER       Spark master of the end-to-end runs (default local[2])
#   OMP_NUM_THREADS      passed through to the end-to-end runs when set (ND4J threads per call;
#                        unset: scripts/attnsum uses 1 in local mode with several task slots)
#   MAVEN_ARGS           extra Maven arguments for the build (e.g. -o)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
quick=${BENCH_QUICK:-0}
if [ "$quick" = 1 ]; then
  sizes=${BENCH_SIZES-"2000 10000"}
else
  sizes=${BENCH_SIZES-"10000 50000 200000"}
fi
cnndm=${BENCH_CNNDM-"$root/../shared/data/cnndm.dev.jsonl"}
dim=${BENCH_DIM:-300}
vectors_mode=${BENCH_VECTORS:-file}
modes=${BENCH_MODES:-"static static@0.15 word-vectors@0.15"}
cnndm_modes=${BENCH_CNNDM_MODES-"contextual@0.15"}
threads=${BENCH_ND4J_THREADS:-1}
work=${BENCH_WORK:-"$root/job/target/bench"}
master=${ATTNSUM_MASTER:-"local[2]"}
report="$root/job/BENCHMARKS.md"
mkdir -p "$work"

need() { # need COMMAND PACKAGE: installs PACKAGE with apt-get when COMMAND is missing
  if ! command -v "$1" >/dev/null 2>&1 && [ ! -x "$1" ]; then
    echo "bench: installing $2" >&2
    apt-get update -qq >&2 && apt-get install -y -qq "$2" >&2
  fi
}
need /usr/bin/time time
need jq jq

# --- build: the job jar (scripts/attnsum runs it) and the test classes (benchmarks, generator)
read -r -a mvn_args <<<"${MAVEN_ARGS:-}"
echo "bench: building" >&2
# scripts/attnsum builds the job jar and Spark's classpath file when they are missing or stale (the
# runs below use ATTNSUM_NO_BUILD=1, so both must exist); the benchmark classes are test classes.
"$root/scripts/attnsum" --help >/dev/null
mvn -B -q "${mvn_args[@]}" -f "$root/job/pom.xml" test-compile dependency:build-classpath \
  -DincludeScope=test -Dmdep.outputFile="$root/job/target/bench-classpath.txt" >&2
test_cp="$root/job/target/test-classes:$root/job/target/classes:$(cat "$root/job/target/bench-classpath.txt")"
# The Vector API module for the attention's Java kernel (JMH's forks inherit it).
bench_java() { java -Xmx2g --add-modules=jdk.incubator.vector -cp "$test_cp" "$@"; }

machine="$(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), \
$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) memory, \
$(java -version 2>&1 | head -1), load average at start $(cut -d' ' -f1-3 /proc/loadavg)"

# --- 1. JMH
jmh_md="$work/attention.md"
if [ "${BENCH_SKIP_JMH:-0}" != 1 ]; then
  jmh_args=()
  [ "$quick" = 1 ] && jmh_args+=(--quick)
  if [ -n "${BENCH_JMH_ARGS:-}" ]; then
    read -r -a extra <<<"$BENCH_JMH_ARGS"
    jmh_args+=("${extra[@]}")
  fi
  echo "bench: JMH attention microbenchmarks (OMP_NUM_THREADS=$threads)" >&2
  OMP_NUM_THREADS="$threads" bench_java io.attnsum.bench.AttentionBenchRunner \
    "${jmh_args[@]}" --out "$jmh_md" --json "$work/jmh.json" >"$work/jmh.log" 2>&1 \
    || { tail -40 "$work/jmh.log" >&2; exit 1; }
fi

# --- 2. end-to-end
e2e_md="$work/end-to-end.md"
scaling_tsv="$work/scaling.tsv"
if [ "${BENCH_SKIP_E2E:-0}" != 1 ]; then
  largest=0
  for n in $sizes; do [ "$n" -gt "$largest" ] && largest=$n; done
  full_corpus="$work/news-$largest.jsonl"
  if [ "$largest" -gt 0 ] && [ ! -s "$full_corpus" ]; then
    echo "bench: generating $largest documents" >&2
    bench_java io.attnsum.bench.NewsCorpusGenerator corpus --out "$full_corpus.tmp" --documents "$largest" >&2
    mv "$full_corpus.tmp" "$full_corpus"
  fi
  for n in $sizes; do
    # Document i depends only on (seed, i), so smaller corpora are prefixes of the largest.
    [ -s "$work/news-$n.jsonl" ] || head -n "$n" "$full_corpus" >"$work/news-$n.jsonl"
  done

  vectors_for() { # vectors_for CORPUS NAME: prints the vectors.path value for this corpus
    if [ "$vectors_mode" = train ]; then
      echo ""
      return
    fi
    local vec="$work/$2-d$dim.vec"
    if [ ! -s "$vec" ]; then
      bench_java io.attnsum.bench.NewsCorpusGenerator vectors --corpus "$1" --out "$vec.tmp" \
        --dim "$dim" --max-docs 20000 >&2
      mv "$vec.tmp" "$vec"
    fi
    echo "$vec"
  }

  events="$work/events"
  mkdir -p "$events"
  conf="$work/bench.conf"
  cat >"$conf" <<EOF
# Written by scripts/bench.sh: the event log gives per-task spill metrics. Spark 4 writes
# zstd-compressed rolling logs (a folder) by default; one plain JSON Lines file is what jq reads.
spark.conf {
  "spark.eventLog.enabled" = "true"
  "spark.eventLog.dir" = "file://$events"
  "spark.eventLog.compress" = "false"
  "spark.eventLog.rolling.enabled" = "false"
}
EOF

  # The machine may be shared: start each timed run only when the 1-minute load average is at
  # most BENCH_MAX_LOAD, waiting up to BENCH_LOAD_WAIT seconds (then run anyway; the load at the
  # start of each run is in the table).
  max_load=${BENCH_MAX_LOAD:-2.5}
  load_wait=${BENCH_LOAD_WAIT:-180}
  wait_for_quiet() {
    local waited=0
    while awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v m="$max_load" 'BEGIN {exit !(l > m)}'; do
      if [ "$waited" -ge "$load_wait" ]; then
        echo "bench: load $(cut -d' ' -f1 /proc/loadavg) still above $max_load after ${waited}s; running" >&2
        return
      fi
      sleep 20
      waited=$((waited + 20))
    done
  }

  # The table grows one row per run, so an interrupted benchmark keeps what it measured.
  {
    echo "| corpus | mode | documents | job s | docs/s | sentences/s | read s | text s | encode s | summarize s | encode / attention / rank task-s | write s | max RSS / wall | spilled / job:floor | load at start |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|"
  } >"$e2e_md"
  declare -A floor_rate=()
  : >"$scaling_tsv"
  run_one() { # run_one NAME CORPUS VECTORS MODE (floor | static | contextual | word-vectors)
    local name=$1 corpus=$2 vec=$3 stages=$4
    local tag="$name-$stages" out="$work/out/$1-$4"
    # A mode may carry an embedding weight: static@0.15 = encoder.mode=static with
    # rank.embedding-weight=0.15.
    local mode_sets=(--set run.stages=full --set encoder.mode="${stages%@*}")
    [ "$stages" != "${stages%@*}" ] && mode_sets+=(--set rank.embedding-weight="${stages#*@}")
    [ "$stages" = floor ] && mode_sets=(--set run.stages=floor)
    rm -rf "$out"
    wait_for_quiet
    local load
    load=$(cut -d' ' -f1 /proc/loadavg)
    local before
    before=$(ls "$events" | sort)
    echo "bench: $tag" >&2
    if ! /usr/bin/time -v -o "$work/$tag.time" env ATTNSUM_MASTER="$master" ATTNSUM_NO_BUILD=1 \
      "$root/scripts/attnsum" run --config "$conf" \
      --set input.path="$corpus" --set output.path="$out" --set run.id=bench \
      --set output.format=parquet "${mode_sets[@]}" --set vectors.path="$vec" \
      --set encoder.cache-path="$work/encoder-cache" \
      >"$work/$tag.log" 2>&1; then
      echo "bench: $tag failed, see $work/$tag.log" >&2
      tail -20 "$work/$tag.log" >&2
      echo "| $name | $stages | failed (see $tag.log) | | | | | | | | | | | $load |" >>"$e2e_md"
      return
    fi
    local manifest="$out/run_id=bench/_manifest.json"
    local log_file
    log_file=$(comm -13 <(echo "$before") <(ls "$events" | sort) | head -1)
    local spill="?"
    if [ -n "$log_file" ] && [ -f "$events/$log_file" ]; then
      spill=$(jq -s '[.[] | select(.Event == "SparkListenerTaskEnd") | .["Task Metrics"]
                      | ((.["Memory Bytes Spilled"] // 0) + (.["Disk Bytes Spilled"] // 0))] | add // 0' \
        "$events/$log_file")
    fi
    local rss_kb wall
    rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/$tag.time")
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/$tag.time")
    local docs sents secs
    docs=$(jq '.output_documents' "$manifest")
    sents=$(jq '.text.sentences' "$manifest")
    secs=$(jq '.seconds' "$manifest")
    stage() { jq -r --arg s "$1" '.stages[$s].seconds // "-"' "$manifest"; }
    # Attention and rank run fused in the summarize tasks, which time them: task-seconds, all cores.
    local split
    split=$(jq -r '.stages.summarize | if .attention_task_seconds then "\(.encode_task_seconds) / \(.attention_task_seconds) / \(.rank_task_seconds)" + (if .attention_kernel then " (\(.attention_kernel))" else "" end) else "-" end' "$manifest")
    local dps ratio="-"
    dps=$(awk -v d="$docs" -v s="$secs" 'BEGIN {printf "%.0f", d / s}')
    case "$name" in news-*) printf '%s\t%s\t%s\n' "$stages" "$docs" "$secs" >>"$scaling_tsv" ;; esac
    if [ "$stages" = floor ]; then
      floor_rate[$name]=$secs
    else
      ratio=$(awk -v f="${floor_rate[$name]:-0}" -v s="$secs" 'BEGIN {printf (f > 0 ? "%.2fx" : "-"), s / f}')
    fi
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' \
      "$name" "$stages" "$docs" "$secs" "$dps" \
      "$(awk -v d="$sents" -v s="$secs" 'BEGIN {printf "%.0f", d / s}')" \
      "$(stage read)" "$(stage text)" "$(stage encode)" "$(stage summarize)" "$split" "$(stage write)" \
      "$(awk -v k="$rss_kb" 'BEGIN {printf "%.2f GiB", k / 1048576}') / $wall" \
      "$spill B / $ratio" "$load" >>"$e2e_md"
  }

  # Spark alone (io.attnsum.bench.SparkBaseline): read the JSON Lines, split sentences with one
  # regular expression, write Parquet; no project code. Same heap, GC and Java 17 options as
  # scripts/attnsum, so its fixed cost per run is the part no job on Spark avoids here.
  run_baseline() { # run_baseline NAME CORPUS
    local name=$1 corpus=$2 tag="$1-spark-baseline" out="$work/out/$1-spark-baseline"
    rm -rf "$out"
    wait_for_quiet
    local load
    load=$(cut -d' ' -f1 /proc/loadavg)
    echo "bench: $tag" >&2
    if ! /usr/bin/time -v -o "$work/$tag.time" env SPARK_LOCAL_IP=127.0.0.1 java -Xmx4g \
      -XX:G1HeapRegionSize=32m --add-opens=java.base/sun.util.calendar=ALL-UNNAMED \
      -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true \
      -Dspark.master="$master" -Dlog4j2.configurationFile="$root/conf/log4j2.properties" \
      -cp "$test_cp" io.attnsum.bench.SparkBaseline --input "$corpus" --output "$out" \
      >"$work/$tag.log" 2>&1; then
      echo "bench: $tag failed, see $work/$tag.log" >&2
      tail -20 "$work/$tag.log" >&2
      return
    fi
    local result docs sents secs rss_kb wall
    result=$(grep '^{"documents"' "$work/$tag.log" | tail -1)
    docs=$(jq '.documents' <<<"$result")
    sents=$(jq '.sentences' <<<"$result")
    secs=$(jq '.seconds' <<<"$result")
    rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/$tag.time")
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/$tag.time")
    printf '%s\t%s\t%s\n' spark-baseline "$docs" "$secs" >>"$scaling_tsv"
    printf '| %s | spark-baseline | %s | %s | %s | %s | - | - | - | - | - | - | %s | - | %s |\n' \
      "$name" "$docs" "$secs" "$(awk -v d="$docs" -v s="$secs" 'BEGIN {printf "%.0f", d / s}')" \
      "$(awk -v d="$sents" -v s="$secs" 'BEGIN {printf "%.0f", d / s}')" \
      "$(awk -v k="$rss_kb" 'BEGIN {printf "%.2f GiB", k / 1048576}') / $wall" "$load" >>"$e2e_md"
  }

  # The floor first: the other modes' job:floor ratios are against it. The static pack is
  # distilled by the first static run (into $work/encoder-cache) and found there by the others;
  # the cnndm rows come first so that no generated-corpus row pays for the distillation.
  if [ -n "$cnndm" ] && [ -s "$cnndm" ]; then
    vec=$(vectors_for "$cnndm" "cnndm")
    run_one "cnndm.dev" "$cnndm" "" floor
    [ -d "$work/encoder-cache" ] || run_one "cnndm.dev" "$cnndm" "" static
    for mode in $modes $cnndm_modes; do
      run_one "cnndm.dev" "$cnndm" "$vec" "$mode"
    done
  fi
  for n in $sizes; do
    vec=$(vectors_for "$full_corpus" "news")
    run_one "news-$n" "$work/news-$n.jsonl" "" floor
    for mode in $modes; do
      run_one "news-$n" "$work/news-$n.jsonl" "$vec" "$mode"
    done
    [ "${BENCH_SKIP_BASELINE:-0}" = 1 ] || run_baseline "news-$n" "$work/news-$n.jsonl"
  done
fi

# --- report
# Scaling over the generated sizes: least-squares fit of job seconds = fixed + per-document cost
# x documents, per mode. The fit separates what a run pays once (Spark jobs, JIT, the vectors
# file) from what each document costs; the largest relative residual says how straight the line is.
scaling_md="$work/scaling.md"
: >"$scaling_md"
if [ -s "$scaling_tsv" ]; then
  awk -F'\t' '
    { n[$1]++; x[$1, n[$1]] = $2; y[$1, n[$1]] = $3 }
    END {
      for (st in n) {
        if (n[st] < 2) continue
        sx = sy = sxx = sxy = 0
        for (i = 1; i <= n[st]; i++) { sx += x[st, i]; sy += y[st, i]; sxx += x[st, i] ^ 2; sxy += x[st, i] * y[st, i] }
        b = (n[st] * sxy - sx * sy) / (n[st] * sxx - sx ^ 2); a = (sy - b * sx) / n[st]
        worst = 0; lo = hi = 1
        for (i = 1; i <= n[st]; i++) {
          r = (y[st, i] - (a + b * x[st, i])) / y[st, i]; if (r < 0) r = -r; if (r > worst) worst = r
          if (x[st, i] < x[st, lo]) lo = i; if (x[st, i] > x[st, hi]) hi = i
        }
        # The scaling target: docs/s at the largest size within 15% of docs/s at the smallest. With
        # seconds = F + c n that holds while F <= 0.15 c s L / (0.85 L - s) (s, L: smallest and
        # largest sizes); the fitted c gives the most fixed cost a run can have and still pass.
        s = x[st, lo]; L = x[st, hi]
        allowed = (0.85 * L - s > 0) ? sprintf("%.1f", 0.15 * b * s * L / (0.85 * L - s)) : "any"
        printf "| %s | %d | %.1f | %s | %.3f | %.0f | %.1f%% | %.0f -> %.0f (%+.0f%%) |\n", st, n[st], a, allowed, b * 1000, 1 / b,
          100 * worst, x[st, lo] / y[st, lo], x[st, hi] / y[st, hi], 100 * ((x[st, hi] / y[st, hi]) / (x[st, lo] / y[st, lo]) - 1)
      }
    }' "$scaling_tsv" | sort >"$scaling_md.rows"
  if [ -s "$scaling_md.rows" ]; then
    {
      echo "| mode | sizes | fixed s | fixed s within 15% | s per 1,000 docs | marginal docs/s | worst residual | docs/s smallest -> largest |"
      echo "|---|---:|---:|---:|---:|---:|---:|---|"
      cat "$scaling_md.rows"
    } >"$scaling_md"
  fi
  rm -f "$scaling_md.rows"
fi
command_line="BENCH_QUICK=$quick BENCH_SIZES=\"$sizes\" BENCH_MODES=\"$modes\" BENCH_CNNDM_MODES=\"$cnndm_modes\" BENCH_DIM=$dim BENCH_VECTORS=$vectors_mode BENCH_ND4J_THREADS=$threads ATTNSUM_MASTER=$master${OMP_NUM_THREADS:+ OMP_NUM_THREADS=$OMP_NUM_THREADS}${BENCH_JMH_ARGS:+ BENCH_JMH_ARGS=\"$BENCH_JMH_ARGS\"}${BENCH_SKIP_JMH:+ BENCH_SKIP_JMH=$BENCH_SKIP_JMH}${BENCH_SKIP_E2E:+ BENCH_SKIP_E2E=$BENCH_SKIP_E2E}${BENCH_CNNDM+ BENCH_CNNDM=\"$BENCH_CNNDM\"} scripts/bench.sh"
results="$work/results.md"
{
  echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $machine."
  echo
  echo "Command: \`$command_line\`"
  echo
  if [ -s "$jmh_md" ]; then
    echo "### Attention stage (JMH, one op = one batch; OMP_NUM_THREADS=$threads)"
    echo
    cat "$jmh_md"
    echo
  fi
  if [ -s "$e2e_md" ]; then
    echo "### End to end (scripts/attnsum run, $master, parquet, default memory)"
    echo
    echo "job s = the manifest's run seconds (Spark session start excluded); wall = launcher JVM."
    echo "Attention and rank run fused in the summarize stage's tasks (one pass per chunk of documents),"
    echo "so Spark cannot time them apart: the tasks do, in task-seconds summed over the cores; the rest"
    echo "of the stage's task time reads the cached documents and caches the summaries."
    echo
    cat "$e2e_md"
  fi
  if [ -s "$scaling_md" ]; then
    echo
    echo "### Scaling (generated corpora: job s = fixed + per-document cost x documents, least squares)"
    echo
    cat "$scaling_md"
  fi
} >"$results"
cat "$results"

# Replace the generated section of job/BENCHMARKS.md, keep the hand-written analysis around it.
if [ -f "$report" ] && grep -q '<!-- bench:begin -->' "$report"; then
  awk -v results="$results" '
    /<!-- bench:begin -->/ { print; while ((getline line < results) > 0) print line; skip = 1; next }
    /<!-- bench:end -->/ { skip = 0 }
    !skip { print }' "$report" >"$report.tmp"
  mv "$report.tmp" "$report"
  echo "bench: results kept in $report" >&2
fi
