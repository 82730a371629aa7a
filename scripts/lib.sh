# Shared by the scripts and bin/archai4j: build a module (and what it needs) and run one of its main classes.
# ARCHAI4J_ROOT is the checkout (default: the working directory).

# build_module MODULE: builds MODULE quietly (offline first, so a warm ~/.m2 needs no network) and writes its
# runtime classpath to MODULE/target/runtime-classpath.txt.
build_module() {
  local root=${ARCHAI4J_ROOT:-$PWD} module=$1
  local cpfile="$root/$module/target/runtime-classpath.txt"
  local build=(-q -B install -DskipTests -Dassembly.skipAssembly=true -pl "$module" -am -f "$root/pom.xml")
  local classpath=(-q -B -pl "$module" dependency:build-classpath -Dmdep.outputFile="$cpfile"
    -DincludeScope=runtime -f "$root/pom.xml")
  if ! { mvn -o "${build[@]}" && mvn -o "${classpath[@]}"; } >/dev/null 2>&1; then
    mvn "${build[@]}" >&2
    mvn "${classpath[@]}" >&2
  fi
  # The classpath plugin leaves an unchanged file alone; its time marks the build for bin/archai4j's staleness check.
  touch "$cpfile"
}

# exec_java MODULE MAIN_CLASS [ARGS...]: runs MAIN_CLASS on MODULE's classes and runtime classpath (built before).
exec_java() {
  local root=${ARCHAI4J_ROOT:-$PWD} module=$1 main=$2
  shift 2
  # Two of libtorch's warnings say nothing a user can act on (NNPACK on a CPU without it, once per call; a
  # deprecation inside DJL): they are dropped from stderr, everything else passes.
  exec java ${JAVA_OPTS:-} -cp "$root/$module/target/classes:$(cat "$root/$module/target/runtime-classpath.txt")" \
    "$main" "$@" 2> >(grep --line-buffered -v -e '\] Could not initialize NNPACK' \
      -e '\] Warning: AutoNonVariableTypeMode is deprecated' >&2)
}

# run_java MODULE MAIN_CLASS [ARGS...]: builds MODULE, then runs MAIN_CLASS.
run_java() {
  build_module "$1"
  exec_java "$@"
}
