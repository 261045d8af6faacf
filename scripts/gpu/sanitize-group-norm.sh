#!/usr/bin/env bash
# One GroupNorm kernel case under the microscope: run GroupNormKernelCheck's cases whose label contains CASE (default:
# the float32 channels-last reference shape whose gradient error once came out at 1e-4 instead of 1e-7) REPEAT times
# (default 200) to count failing runs, then once under each of compute-sanitizer's TOOLS (default: racecheck synccheck
# initcheck), each stopped after LIMIT seconds (default 300). Writes $OUT/sanitize/repeat.txt and TOOL.txt; needs what
# kernels-check.sh needs.
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/gpu/env.sh
CASE=${CASE:-"[16, 64, 32, 32, 32] G=8 Float channels-last +LeakyReLU"}
REPEAT=${REPEAT:-200}
TOOLS=${TOOLS:-"racecheck synccheck initcheck"}
LIMIT=${LIMIT:-300}
SAN=${SANITIZER:-/usr/local/cuda/bin/compute-sanitizer}
R="$OUT/sanitize"
mkdir -p "$R"
check() {
  "$J" -Denr4j.kernelCache=/tmp/enr-sanitize-cache -Denr4j.check.only="$CASE" -Denr4j.check.repeat="$1" \
    -cp "target/classes:target/test-classes:$CP" enr4j.model.GroupNormKernelCheck "$R/report_$2.md"
}
check "$REPEAT" repeat 2>&1 | grep -v '^WARNING' | sort | uniq -c | sort -rn | head -20 > "$R/repeat.txt"
echo "$REPEAT runs of: $CASE" >> "$R/repeat.txt"
for tool in $TOOLS; do
  extra=()
  [ "$tool" = racecheck ] && extra=(--racecheck-report all)
  timeout "$LIMIT" "$SAN" --tool "$tool" "${extra[@]}" --print-limit 50 \
    "$J" -Denr4j.kernelCache=/tmp/enr-sanitize-cache -Denr4j.check.only="$CASE" \
    -cp "target/classes:target/test-classes:$CP" enr4j.model.GroupNormKernelCheck "$R/report_$tool.md" \
    > "$R/$tool.txt" 2>&1
  echo "exit $?" >> "$R/$tool.txt"
done
tail -n 4 "$R"/*.txt
