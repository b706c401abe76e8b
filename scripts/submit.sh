#!/usr/bin/env bash
# Submits attnsum to a cluster with spark-submit (standalone, YARN, Kubernetes).
#
#   ATTNSUM_MASTER=yarn scripts/submit.sh [--gpu] [--config FILE] [--set key=value]...
#
# --gpu  runs ND4J on GPUs with Spark's GPU scheduling: each executor gets
#        ATTNSUM_GPUS_PER_EXECUTOR GPUs, found by scripts/gpu-discovery.sh (nvidia-smi), and its
#        task slots share them (spark.task.resource.gpu.amount = GPUs / executor cores). Needs
#        the CUDA build of the jar (mvn -Pcuda -DskipTests package); refuses a CPU-only jar.
#        Standalone Workers must offer GPUs themselves (SPARK_WORKER_OPTS=
#        "-Dspark.worker.resource.gpu.amount=N -Dspark.worker.resource.gpu.discoveryScript=...").
#
# Required environment:
#   ATTNSUM_MASTER            spark://host:7077 | yarn | k8s://https://host:443 | local[*]
# Optional environment (defaults in brackets):
#   SPARK_HOME                Spark 4.x installation [spark-submit on PATH]
#   ATTNSUM_DEPLOY_MODE       client | cluster [client]
#   ATTNSUM_JAR               the job jar [job/target/attnsum-job.jar, built if missing]
#   ATTNSUM_DRIVER_MEMORY     driver heap [4g]
#   ATTNSUM_EXECUTOR_MEMORY   executor heap [4g]
#   ATTNSUM_EXECUTOR_CORES    task slots per executor [2]
#   ATTNSUM_NUM_EXECUTORS     executors (YARN/K8s; standalone uses total cores) [2]
#   ATTNSUM_ND4J_MAXBYTES     ND4J off-heap array limit per JVM (org.bytedeco.javacpp.maxbytes) [2G]
#   ATTNSUM_GC_OPTS           GC options of driver and executors [-XX:G1HeapRegionSize=32m]
#   ATTNSUM_ND4J_MAXPHYSICALBYTES  limit on the JVM's whole resident size
#                             (org.bytedeco.javacpp.maxphysicalbytes) [heap + maxbytes + 1G]
#   ATTNSUM_MEMORY_OVERHEAD   non-heap memory the resource manager grants per executor and driver
#                             (spark.{executor,driver}.memoryOverhead) [maxbytes + 1g]
#   ATTNSUM_SUBMIT_ARGS       extra spark-submit arguments (e.g. "--queue prod")
#   ATTNSUM_GPUS_PER_EXECUTOR with --gpu: GPUs per executor [1]
#   ATTNSUM_GPU_DISCOVERY_SCRIPT  with --gpu: the discovery script, at this path on every node
#                             [scripts/gpu-discovery.sh of this checkout]
#   ATTNSUM_CUDA_ARCHES       with --gpu: SM list of an ND4J built from source for other GPUs,
#                             passed to executors ["37 50 52 60 61 70 75 80 86", ND4J 1.0.0-M2.1's]
#   MAVEN_ARGS                extra Maven arguments when the jar is built (e.g. -o)
#
# Sizing ND4J's off-heap memory (maxbytes) by encoder.mode:
#   static (default): the executors make no ND4J allocation with the Java attention kernel; the
#     static packs (pieces x 256 x 4 bytes, ~ 31 MB a language) and the corpus vocabulary are on
#     the heap, once per JVM. The driver runs the encoder once to distil a pack it does not find in
#     encoder.cache-path: ~ 400 MB of off-heap and heap for a minute.
#   contextual: the encoder's weights, once per JVM (~ 100 MB for each language's model), plus
#     per task slot its workspaces, ~ 12 x hidden x 2048 floats for a pass of 2,048 tokens plus the
#     attention scores (~ 50-100 MB at 384-512 dims): give maxbytes ~ 300 MB + 150 MB per task slot.
#   word-vectors: each task holds the attention's workspace, about
#     batch-size x max-tokens^2 x 4 bytes (scores) + batch-size x max-tokens x dim x 4 x 3 bytes
#     (64 sentences, 128 tokens, 300 dims ~ 4 MB + 30 MB), and the sentence graphs' Gram products',
#     at most ~ 100 MB, with the ND4J kernel; both over-allocate by 20%; the vector pack (words x
#     dim x 4 bytes) is on the heap, once per JVM.
# The 2G default covers every mode with a few task slots. The resource manager's overhead must
# cover maxbytes, or YARN/K8s kill the container.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
: "${ATTNSUM_MASTER:?set ATTNSUM_MASTER to the cluster master (spark://..., yarn, k8s://...)}"

submit=spark-submit
[ -n "${SPARK_HOME:-}" ] && submit="$SPARK_HOME/bin/spark-submit"

jar="${ATTNSUM_JAR:-$root/job/target/attnsum-job.jar}"
if [ ! -f "$jar" ]; then
  echo "submit.sh: building $jar (the first build downloads about 800 MB from Maven Central)..." >&2
  "$root/scripts/maven.sh" --steps -f "$root/pom.xml" -DskipTests package >&2
fi

deploy_mode="${ATTNSUM_DEPLOY_MODE:-client}"
driver_mem="${ATTNSUM_DRIVER_MEMORY:-4g}"
exec_mem="${ATTNSUM_EXECUTOR_MEMORY:-4g}"
maxbytes="${ATTNSUM_ND4J_MAXBYTES:-2G}"

# bytes of a size like 4g / 2G / 512m
to_mb() {
  local v=${1,,}
  case "$v" in
    *g) echo $(( ${v%g} * 1024 )) ;;
    *m) echo $(( ${v%m} )) ;;
    *k) echo $(( ${v%k} / 1024 )) ;;
    *) echo $(( v / 1024 / 1024 )) ;;
  esac
}
maxbytes_mb=$(to_mb "$maxbytes")
overhead="${ATTNSUM_MEMORY_OVERHEAD:-$(( maxbytes_mb + 1024 ))m}"
exec_phys="${ATTNSUM_ND4J_MAXPHYSICALBYTES:-$(( $(to_mb "$exec_mem") + maxbytes_mb + 1024 ))M}"
driver_phys="${ATTNSUM_ND4J_MAXPHYSICALBYTES:-$(( $(to_mb "$driver_mem") + maxbytes_mb + 1024 ))M}"

# G1 regions of 32 MB: the persisted serialized partitions are held as multi-MB byte arrays, which
# G1 with its default regions (heap / 2048: 2 MB at 4 GB) allocates as humongous objects; as the
# storage memory fills they fragment the heap until a task fails with "Java heap space" although
# Spark's accounting is within bounds (seen at 200,000 documents with -Xmx4g; job/BENCHMARKS.md).
gc_opts="${ATTNSUM_GC_OPTS--XX:G1HeapRegionSize=32m}"
# The JDK's Vector API for the attention's Java kernel (attention.kernel = auto | java-vector);
# executors without it fall back to ND4J under auto.
vector_api="--add-modules=jdk.incubator.vector"
nd4j_opts_exec="$gc_opts $vector_api -Dorg.bytedeco.javacpp.maxbytes=$maxbytes -Dorg.bytedeco.javacpp.maxphysicalbytes=$exec_phys"
nd4j_opts_driver="$gc_opts $vector_api -Dorg.bytedeco.javacpp.maxbytes=$maxbytes -Dorg.bytedeco.javacpp.maxphysicalbytes=$driver_phys"

# --config FILE is shipped with --files; in cluster mode the driver sees it by its base name.
files=()
user_args=()
gpu=false
while [ $# -gt 0 ]; do
  case "$1" in
    --gpu) gpu=true; shift ;;
    --config)
      [ $# -ge 2 ] || { echo "submit.sh: --config needs a file" >&2; exit 2; }
      files+=("$2")
      if [ "$deploy_mode" = cluster ]; then user_args+=(--config "$(basename "$2")"); else user_args+=(--config "$2"); fi
      shift 2 ;;
    *) user_args+=("$1"); shift ;;
  esac
done

cmd=("$submit"
  --master "$ATTNSUM_MASTER"
  --deploy-mode "$deploy_mode"
  --name attnsum
  --class io.attnsum.cli.Main
  --driver-memory "$driver_mem"
  --executor-memory "$exec_mem"
  --executor-cores "${ATTNSUM_EXECUTOR_CORES:-2}"
  --conf "spark.executor.instances=${ATTNSUM_NUM_EXECUTORS:-2}"
  --conf "spark.executor.memoryOverhead=$overhead"
  --conf "spark.driver.memoryOverhead=$overhead"
  --conf "spark.driver.extraJavaOptions=$nd4j_opts_driver"
  --conf "spark.executor.extraJavaOptions=$nd4j_opts_exec"
  --conf "spark.executorEnv.OMP_NUM_THREADS=1"
)
if [ ${#files[@]} -gt 0 ]; then
  cmd+=(--files "$(IFS=,; echo "${files[*]}")")
fi
if $gpu; then
  # A CPU-only jar would silently run ND4J on the CPU while holding GPUs.
  if ! unzip -Z1 "$jar" 2>/dev/null | grep -x 'org/nd4j/linalg/jcublas/JCublasBackend.class' >/dev/null; then
    echo "submit.sh: --gpu needs the CUDA build of $jar (mvn -Pcuda -DskipTests package)" >&2
    exit 2
  fi
  gpus="${ATTNSUM_GPUS_PER_EXECUTOR:-1}"
  cores="${ATTNSUM_EXECUTOR_CORES:-2}"
  cmd+=(
    --conf "spark.executor.resource.gpu.amount=$gpus"
    --conf "spark.task.resource.gpu.amount=$(awk -v g="$gpus" -v c="$cores" 'BEGIN { printf "%.4g", g / c }')"
    --conf "spark.executor.resource.gpu.discoveryScript=${ATTNSUM_GPU_DISCOVERY_SCRIPT:-$root/scripts/gpu-discovery.sh}"
  )
  # The discovery script and the executors' device check both read it (docs/gpu.md).
  if [ -n "${ATTNSUM_CUDA_ARCHES:-}" ]; then
    cmd+=(--conf "spark.executorEnv.ATTNSUM_CUDA_ARCHES=$ATTNSUM_CUDA_ARCHES")
  fi
fi
if [ -n "${ATTNSUM_SUBMIT_ARGS:-}" ]; then
  read -r -a extra <<<"$ATTNSUM_SUBMIT_ARGS"
  cmd+=("${extra[@]}")
fi
cmd+=("$jar" run "${user_args[@]}")

echo "submit.sh: ${cmd[*]}" >&2
exec "${cmd[@]}"
