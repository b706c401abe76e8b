#!/usr/bin/env bash
# bench-vectors.sh: load time and peak memory of a pretrained word-vectors file, read whole
# versus pruned to a corpus-sized vocabulary (the vectors stage's design). Not a test; the loader
# is VectorLoadBenchmark in the test sources.
#
# It generates a word2vec text file of WORDS x DIM random vectors (once; reused if present), then
# runs each loader in its own JVM under /usr/bin/time -v and prints one line per loader:
#   dl4j    DL4J WordVectorSerializer.readWord2VecModel (everything, into an ND4J lookup table)
#   whole   attnsum VectorFileReader, every word into one VectorPack
#   pruned  attnsum VectorFileReader keeping KEEP random words (the corpus vocabulary)
#
# Environment (all optional):
#   WORDS        vectors in the generated file        (default 500000)
#   DIM          dimensions                           (default 300)
#   KEEP         corpus vocabulary size for "pruned"  (default 50000)
#   BENCH_DIR    where the generated file goes        (default /tmp/attnsum-bench-vectors)
#   LOADERS      which loaders to run, space-separated (default "dl4j whole pruned")
#   JAVA_HEAP    -Xmx of each loader JVM              (default 6g)
# Needs: a JDK 17, Maven with the project's dependencies in ~/.m2 (runs offline), /usr/bin/time.
set -euo pipefail

WORDS="${WORDS:-500000}"
DIM="${DIM:-300}"
KEEP="${KEEP:-50000}"
BENCH_DIR="${BENCH_DIR:-/tmp/attnsum-bench-vectors}"
LOADERS="${LOADERS:-dl4j whole pruned}"
JAVA_HEAP="${JAVA_HEAP:-6g}"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mkdir -p "${BENCH_DIR}"
CP_FILE="${BENCH_DIR}/classpath.txt"

(cd "${ROOT}/job" && mvn -B -o -q -DskipTests test-compile \
  && mvn -B -o -q dependency:build-classpath -Dmdep.outputFile="${CP_FILE}" -Dmdep.includeScope=test)
# A private copy of the classes, so a rebuild during the benchmark cannot pull them away.
rm -rf "${BENCH_DIR}/classes" "${BENCH_DIR}/test-classes"
cp -r "${ROOT}/job/target/classes" "${BENCH_DIR}/classes"
cp -r "${ROOT}/job/target/test-classes" "${BENCH_DIR}/test-classes"
CP="${BENCH_DIR}/test-classes:${BENCH_DIR}/classes:$(cat "${CP_FILE}")"
JVM=(java "-Xmx${JAVA_HEAP}" -Dorg.bytedeco.javacpp.maxbytes=8G -Dorg.bytedeco.javacpp.maxphysicalbytes=14G
  -Dlog4j2.level=warn -cp "${CP}" io.attnsum.encode.VectorLoadBenchmark)

FILE="${BENCH_DIR}/vectors-${WORDS}x${DIM}.txt"
if [[ ! -s "${FILE}" ]]; then
  echo "generating ${FILE}"
  "${JVM[@]}" generate "${FILE}" "${WORDS}" "${DIM}" 1
fi
echo "file: ${FILE} ($(du -h "${FILE}" | cut -f1)), ${WORDS} x ${DIM}, corpus vocabulary ${KEEP}"

for loader in ${LOADERS}; do
  args=("${loader}" "${FILE}")
  if [[ "${loader}" == "pruned" ]]; then
    args+=("${WORDS}" "${KEEP}" 7)
  fi
  log="${BENCH_DIR}/${loader}.log"
  /usr/bin/time -v "${JVM[@]}" "${args[@]}" > "${log}" 2>&1
  result="$(grep '^RESULT' "${log}")"
  rss_kb="$(grep 'Maximum resident set size' "${log}" | awk '{print $NF}')"
  wall="$(grep 'Elapsed (wall clock)' "${log}" | awk '{print $NF}')"
  echo "${result} peak_rss_mb=$((rss_kb / 1024)) jvm_wall=${wall}"
done
