#!/usr/bin/env bash
# Runs the attnsum job on one evaluation set and scores it: ROUGE of the job's summaries next to
# LEAD, RANDOM, TEXTRANK, CENTROID and ORACLE, with report.json and report.html.
#
# Usage: scripts/eval.sh NAME      NAME = cnndm | bbc | scitldr | cail2020_zh | lcsts_zh
# Reads ../shared/data/NAME.dev.jsonl relative to the repository root.
# Environment:
#   ATTNSUM_DATA      folder holding NAME.dev.jsonl (default: <repo>/../shared/data)
#   ATTNSUM_EVAL_DIR  where the run and the report go (default: <repo>/target/eval/NAME)
#   ATTNSUM_EVAL_SET  extra job settings, space-separated key=value pairs passed as --set after
#                     eval.sh's own (so they win), e.g. "rank.position-weight=2 vectors.reuse=true";
#                     with vectors.reuse=true and a fixed ATTNSUM_EVAL_DIR the vectors trained by an
#                     earlier run (<ATTNSUM_EVAL_DIR>/output/_vectors) are reused, not retrained.
# Per-set summary length (the data README's settings); eval re-selects the job's top-k by rank
# for every set, so eval controls k:
#   cnndm k = 3; bbc k = the reference's sentence count; scitldr k = 1 (all references, max);
#   cail2020_zh k = ceil(0.35 x sentences) (references are ~290 of ~700 characters, ~40%);
#   lcsts_zh k = 1 (headline-like references of ~19 characters).
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 cnndm|bbc|scitldr|cail2020_zh|lcsts_zh" >&2
  exit 2
fi
name="$1"
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${ATTNSUM_DATA:-$(dirname "$0")/../../shared/data}"
input="${data}/${name}.dev.jsonl"
work="${ATTNSUM_EVAL_DIR:-${root}/target/eval/${name}}"

if [[ ! -f "${input}" ]]; then
  echo "eval.sh: no data file ${input} (set ATTNSUM_DATA)" >&2
  exit 2
fi

case "${name}" in
  cnndm)       job_k=3; eval_k=(--k 3) ;;
  bbc)         job_k=10; eval_k=(--k-from-reference) ;;
  scitldr)     job_k=1; eval_k=(--k 1) ;;
  cail2020_zh) job_k=8; eval_k=(--k-ratio 0.35) ;;
  lcsts_zh)    job_k=1; eval_k=(--k 1) ;;
  *) echo "eval.sh: unknown set '${name}'" >&2; exit 2 ;;
esac

extra_set=()
if [[ -n "${ATTNSUM_EVAL_SET:-}" ]]; then
  read -r -a pairs <<<"${ATTNSUM_EVAL_SET}"
  for pair in "${pairs[@]}"; do
    extra_set+=(--set "${pair}")
  done
fi

mkdir -p "${work}"
"${root}/scripts/attnsum" run \
  --set "input.path=${input}" \
  --set "output.path=${work}/output" \
  --set output.format=jsonl \
  --set run.id=eval \
  --set "summary.sentences=${job_k}" \
  "${extra_set[@]}"

"${root}/scripts/attnsum" eval \
  --gold "${input}" \
  --pred "${work}/output/run_id=eval" \
  --out "${work}/report" \
  "${eval_k[@]}"
