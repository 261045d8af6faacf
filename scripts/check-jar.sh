#!/usr/bin/env bash
# Checks the runnable jar as a new user meets it: run with only a JRE, from an empty folder, with an empty JavaCPP
# cache (so the natives are unpacked from the jar itself). Builds it first when missing or older than the sources.
# Usage: scripts/check-jar.sh [JAR]     (default: target/enr4j-<version>.jar)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version=$(sed -n '/<artifactId>enr4j<\/artifactId>/{n;s/.*<version>\(.*\)<\/version>.*/\1/p;q}' "$root/pom.xml")
jar="${1:-$root/target/enr4j-$version.jar}"
if [ -z "${1:-}" ] && { [ ! -f "$jar" ] || [ -n "$(find "$root/src/main" "$root/pom.xml" -newer "$jar" -print -quit)" ]; }; then
  echo "building $jar ..."
  (cd "$root" && mvn -q -B -DskipTests package)
fi
jar="$(readlink -f "$jar")"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
run() { java -Dorg.bytedeco.javacpp.cachedir="$work/javacpp-cache" -jar "$jar" "$@"; }
run --version | tee version.txt
grep -q "^enr4j $version\$" version.txt || { echo "check-jar: --version does not say enr4j $version" >&2; exit 1; }
grep -q "^libtorch " version.txt && grep -q "^CUDA " version.txt || { echo "check-jar: --version lacks libtorch or CUDA" >&2; exit 1; }
run demo --out demo | tail -1
for gif in demo/*/novel_views.gif; do [ -s "$gif" ] || { echo "check-jar: $gif is missing" >&2; exit 1; }; done
echo "check-jar: $(basename "$jar") ($(du -h "$jar" | cut -f1)) runs --version and demo from an empty folder"
