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
# Per-set summary length (the data README's settings). The job itself summarizes to it, with its
# own ranking, redundancy rule and headings handling, and eval scores the summaries table as
# written; eval's --k / --k-from-reference / --k-ratio give the baselines the same length and
# check that every written summary has min(k, sentences) sentences (a count of those that do not,
# with a warning, in report.json and on stderr):
#   cnndm k = 3; scitldr k = 1 (all references, max); lcsts_zh k = 1 (headline-like references
#   of ~19 characters): summary.sentences = k.
#   bbc k = the reference's sentence count: `attnsum eval --write-input` writes
#   <ATTNSUM_EVAL_DIR>/input.jsonl, the data rows with summary_sentences = the length of
#   summary_sentence_idx, which the job reads through input.summary-sentences-field.
#   cail2020_zh k = max(1, ceil(0.35 x sentences)) (references are ~290 of ~700 characters,
#   ~40%): summary.budget = ratio, summary.ratio = 0.35.
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

job_input="${input}"
case "${name}" in
  cnndm)       job_set=(--set summary.sentences=3); eval_k=(--k 3) ;;
  bbc)         job_input="${work}/input.jsonl"
               job_set=(--set "input.summary-sentences-field=summary_sentences")
               eval_k=(--k-from-reference) ;;
  scitldr)     job_set=(--set summary.sentences=1); eval_k=(--k 1) ;;
  cail2020_zh) job_set=(--set summary.budget=ratio --set summary.ratio=0.35)
               eval_k=(--k-ratio 0.35) ;;
  lcsts_zh)    job_set=(--set summary.sentences=1); eval_k=(--k 1) ;;
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
if [[ "${job_input}" != "${input}" ]]; then
  "${root}/scripts/attnsum" eval --gold "${input}" --write-input "${job_input}"
fi
"${root}/scripts/attnsum" run \
  --set "input.path=${job_input}" \
  --set "output.path=${work}/output" \
  --set output.format=jsonl \
  --set run.id=eval \
  "${job_set[@]}" \
  "${extra_set[@]}"

"${root}/scripts/attnsum" eval \
  --gold "${input}" \
  --pred "${work}/output/run_id=eval" \
  --out "${work}/report" \
  "${eval_k[@]}"
