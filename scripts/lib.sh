# Shared by the scripts: build a module (and what it needs) and run one of its main classes.

# run_java MODULE MAIN_CLASS [ARGS...]: builds MODULE quietly (offline first, so a warm
# ~/.m2 needs no network), then runs MAIN_CLASS on its runtime classpath.
run_java() {
  local module=$1 main=$2
  shift 2
  local cpfile="$PWD/$module/target/runtime-classpath.txt"
  local build=(-q -B install -DskipTests -pl "$module" -am)
  local classpath=(-q -B -pl "$module" dependency:build-classpath -Dmdep.outputFile="$cpfile" -DincludeScope=runtime)
  if ! { mvn -o "${build[@]}" && mvn -o "${classpath[@]}"; } >/dev/null 2>&1; then
    mvn "${build[@]}" >&2
    mvn "${classpath[@]}" >&2
  fi
  exec java ${JAVA_OPTS:-} -cp "$module/target/classes:$(cat "$cpfile")" "$main" "$@"
}
