#!/usr/bin/env bash
# Spark resource discovery script for GPUs (spark.executor.resource.gpu.discoveryScript,
# spark.worker.resource.gpu.discoveryScript): prints the GPUs of this machine that ND4J's CUDA
# kernels run on, as Spark expects,
#   {"name":"gpu","addresses":["0","1"]}
# from `nvidia-smi --query-gpu=index,compute_cap,name --format=csv,noheader`.
#
# ND4J 1.0.0-M2.1's CUDA build carries machine code for sm_37 50 52 60 61 70 75 80 86 and no PTX,
# so it cannot compute on compute capability 9.0 and later (H100, H200, Blackwell); CUDA runs sm_XY
# code on capability X.Z with Z >= Y only. GPUs it cannot use are left out, each named on stderr;
# when none is left the script fails, and Spark refuses to start the executor, naming this script.
# It also fails when nvidia-smi is missing or finds no GPU. A driver too old to report compute_cap
# gets every GPU offered, unchecked, with a warning (the executor checks again: BackendReport).
#
# Environment: ATTNSUM_CUDA_ARCHES  SM numbers of the ND4J build in use ["37 50 52 60 61 70 75 80 86"]
# (for an ND4J built from source for other GPUs; set it for executors too, spark.executorEnv.*).
set -euo pipefail

fail() { echo "gpu-discovery.sh: $*" >&2; exit 1; }

command -v nvidia-smi >/dev/null 2>&1 || fail "nvidia-smi not found on PATH; no NVIDIA driver on ${HOSTNAME:-this host}?"
arches="${ATTNSUM_CUDA_ARCHES:-}"
arches="${arches//,/ }"
arches="${arches//sm_/}"
read -r -a arch_list <<<"$arches" || true
default_list=true
if [ ${#arch_list[@]} -gt 0 ]; then default_list=false; else arch_list=(37 50 52 60 61 70 75 80 86); fi
arches="${arch_list[*]}"
for a in $arches; do
  [[ $a =~ ^[1-9][0-9]{1,2}$ ]] || fail "ATTNSUM_CUDA_ARCHES: expected SM numbers such as \"80 86 90\", got '$a'"
done

runs_on() { # major minor: does code for one of $arches run on this compute capability?
  local a
  for a in $arches; do
    if (( a / 10 == $1 && a % 10 <= $2 )); then return 0; fi
  done
  return 1
}

checked=true
if ! gpus=$(nvidia-smi --query-gpu=index,compute_cap,name --format=csv,noheader 2>/dev/null); then
  echo "gpu-discovery.sh: warning: nvidia-smi cannot report compute_cap (driver older than R510?); offering every GPU unchecked" >&2
  gpus=$(nvidia-smi --query-gpu=index --format=csv,noheader)
  checked=false
fi

addresses=()
refused=0
while IFS= read -r line; do
  [ -n "${line//[[:space:]]/}" ] || continue
  IFS=, read -r index cap name <<<"$line"
  index=${index//[[:space:]]/}
  [[ $index =~ ^[0-9]+$ ]] || fail "unexpected nvidia-smi output line: '$line'"
  if $checked; then
    cap=${cap//[[:space:]]/}
    name=${name#"${name%%[![:space:]]*}"}
    [[ $cap =~ ^([0-9]+)\.([0-9]+)$ ]] || fail "unexpected compute capability in nvidia-smi output line: '$line'"
    if ! runs_on "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"; then
      echo "gpu-discovery.sh: leaving out GPU $index ($name): compute capability $cap; ND4J's CUDA kernels are built for sm_${arches// /, sm_} only (ATTNSUM_CUDA_ARCHES)" >&2
      refused=$((refused + 1))
      continue
    fi
  fi
  addresses+=("\"$index\"")
done <<<"$gpus"
if [ ${#addresses[@]} -eq 0 ]; then
  if [ $refused -gt 0 ]; then
    if $default_list; then usable="GPUs of compute capability 3.7 to 8.9"; else usable="GPUs that sm_${arches// /, sm_} code runs on"; fi
    fail "none of the GPUs on ${HOSTNAME:-this host} runs ND4J's CUDA kernels; run the CPU build or use $usable"
  fi
  fail "nvidia-smi lists no GPU on ${HOSTNAME:-this host}"
fi
printf '{"name":"gpu","addresses":[%s]}\n' "$(IFS=,; echo "${addresses[*]}")"
