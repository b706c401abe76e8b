#!/usr/bin/env bash
# Assembles a SPARK_HOME from the build's Maven dependencies, for machines (CI, tests, a laptop)
# where no Spark distribution can be downloaded. Prints the directory it made.
#
#   scripts/spark-home.sh [DIR]          (default: job/target/spark-home)
#
# DIR/jars     links to the jars of a Spark download: Spark SQL and its dependencies plus
#              Hadoop's shaded client, at the build's versions (resolved by Maven from
#              scripts/spark-home.pom.xml into job/target/spark-home-classpath.txt)
# DIR/RELEASE  Spark's launcher takes $SPARK_HOME/jars as the classpath only when this file exists
# DIR/bin      spark-class and spark-submit: the same two steps as Spark's own scripts (ask
#              org.apache.spark.launcher.Main for the java command line, then exec it), so driver
#              memory, the Java 17 --add-opens list and SPARK_* variables behave as in a download
# DIR/conf     empty; Spark's built-in log4j2 defaults apply
#
# The standalone Master and Workers start from it with
#   DIR/bin/spark-class org.apache.spark.deploy.master.Master --host 127.0.0.1 --port 7077
#   DIR/bin/spark-class org.apache.spark.deploy.worker.Worker spark://127.0.0.1:7077
# and Workers launch executors from the same jars (SPARK_HOME must point at DIR).
#
# Environment: JAVA_HOME (JDK 17; default: java on PATH), MAVEN_ARGS (extra Maven arguments,
# e.g. -o). Needs Maven and the jars in the local repository or reachable.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
home="${1:-$root/job/target/spark-home}"
cp_file="$root/job/target/spark-home-classpath.txt"

if [ ! -f "$cp_file" ] || [ "$root/scripts/spark-home.pom.xml" -nt "$cp_file" ] || [ "$root/pom.xml" -nt "$cp_file" ]; then
  echo "spark-home.sh: resolving Spark's jars into $cp_file" >&2
  mkdir -p "$(dirname "$cp_file")"
  "$root/scripts/maven.sh" --steps -f "$root/scripts/spark-home.pom.xml" \
    dependency:build-classpath -Dspark.home.classpath="$cp_file" >&2
fi

mkdir -p "$home/jars" "$home/bin" "$home/conf"
find "$home/jars" -mindepth 1 -maxdepth 1 -delete
while IFS= read -r jar || [ -n "$jar" ]; do
  [ -n "$jar" ] && ln -s "$jar" "$home/jars/$(basename "$jar")"
done < <(tr ':' '\n' <"$cp_file")
if ! compgen -G "$home/jars/spark-launcher_*.jar" >/dev/null; then
  echo "spark-home.sh: no spark-launcher jar among the $cp_file entries" >&2
  exit 1
fi
core_jar=$(basename "$(compgen -G "$home/jars/spark-core_*.jar" | head -n 1)" .jar)   # spark-core_2.13-4.2.0
spark_version=${core_jar##*-}
scala_version=${core_jar#spark-core_}
scala_version=${scala_version%%-*}
echo "Spark $spark_version assembled by attnsum scripts/spark-home.sh from Maven dependencies" >"$home/RELEASE"
# What Spark's bin/load-spark-env.sh exports; the launcher needs SPARK_SCALA_VERSION outside a
# source checkout.
cat >"$home/bin/load-spark-env.sh" <<ENV
export SPARK_SCALA_VERSION="\${SPARK_SCALA_VERSION:-$scala_version}"
export SPARK_CONF_DIR="\${SPARK_CONF_DIR:-\$SPARK_HOME/conf}"
ENV

cat >"$home/bin/spark-class" <<'SCRIPT'
#!/usr/bin/env bash
# Runs a Spark class the way Spark's bin/spark-class does: org.apache.spark.launcher.Main prints
# the full java command (classpath from $SPARK_HOME/jars, memory, module options), NUL-separated,
# followed by its own exit code; this script execs that command.
set -euo pipefail
SPARK_HOME="${SPARK_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export SPARK_HOME
. "$SPARK_HOME/bin/load-spark-env.sh"
runner=java
[ -n "${JAVA_HOME:-}" ] && runner="$JAVA_HOME/bin/java"
build_command() {
  "$runner" -Xmx128m ${SPARK_LAUNCHER_OPTS:-} -cp "$SPARK_HOME/jars/*" org.apache.spark.launcher.Main "$@"
  printf '%d\0' $?
}
# The launcher prints its own messages as lines, then a line holding only a NUL, then the
# command's arguments, each ended by a NUL (read as Spark's spark-class reads it).
cmd=()
delim=$'\n'
started=false
while IFS= read -d "$delim" -r arg; do
  if $started; then
    cmd+=("$arg")
  elif [ -z "$arg" ]; then
    delim=''
    started=true
  else
    printf '%s\n' "$arg" >&2
  fi
done < <(build_command "$@")
last=$((${#cmd[@]} - 1))
code=
[ "$last" -ge 0 ] && code=${cmd[$last]}
if ! [[ $code =~ ^[0-9]+$ ]]; then
  echo "spark-class: the launcher failed: ${cmd[*]}" >&2
  exit 1
fi
if [ "$code" != 0 ]; then
  exit "$code"
fi
exec "${cmd[@]:0:$last}"
SCRIPT

cat >"$home/bin/spark-submit" <<'SCRIPT'
#!/usr/bin/env bash
# spark-submit, as in a Spark download.
set -euo pipefail
SPARK_HOME="${SPARK_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export SPARK_HOME
exec "$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.SparkSubmit "$@"
SCRIPT
chmod +x "$home/bin/spark-class" "$home/bin/spark-submit"
echo "$home"
