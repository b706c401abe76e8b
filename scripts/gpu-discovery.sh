#!/usr/bin/env bash
# Spark resource discovery script for GPUs (spark.executor.resource.gpu.discoveryScript,
# spark.worker.resource.gpu.discoveryScript): prints the GPUs of this machine as Spark expects,
#   {"name":"gpu","addresses":["0","1"]}
# from `nvidia-smi --query-gpu=index --format=csv,noheader`. Exits non-zero (and Spark refuses to
# start the executor, naming this script) when nvidia-smi is missing or finds no GPU.
#
# Environment: none. Spark runs it with no arguments.
set -euo pipefail

if ! command -v nvidia-smi >/dev/null 2>&1; then
  echo "gpu-discovery.sh: nvidia-smi not found on PATH; no NVIDIA driver on ${HOSTNAME:-this host}?" >&2
  exit 1
fi
indexes=$(nvidia-smi --query-gpu=index --format=csv,noheader)
addresses=()
while IFS= read -r index; do
  index=${index//[[:space:]]/}
  [ -n "$index" ] || continue
  if ! [[ $index =~ ^[0-9]+$ ]]; then
    echo "gpu-discovery.sh: unexpected nvidia-smi output line: '$index'" >&2
    exit 1
  fi
  addresses+=("\"$index\"")
done <<<"$indexes"
if [ ${#addresses[@]} -eq 0 ]; then
  echo "gpu-discovery.sh: nvidia-smi lists no GPU on ${HOSTNAME:-this host}" >&2
  exit 1
fi
printf '{"name":"gpu","addresses":[%s]}\n' "$(IFS=,; echo "${addresses[*]}")"
