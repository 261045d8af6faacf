#!/usr/bin/env bash
# CUDA graphs against eager steps: the reference model trained STEPS steps (default 50) from the same weights on
# the same batches, eager twice and replayed once, then one image to 16 views (eager twice, replayed), in each
# precision given (default fp32 bf16); JOPTS=-Denr4j.kernels=native for the fused kernels (enr4j.tools.GraphCheck;
# carry target/test-classes). Ends with GRAPHS OK or GRAPHS FAIL;
# output: $OUT/graphs/graph_check.txt. Usage: graphs-check.sh [STEPS [PRECISION ...]]
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/gpu/env.sh
mkdir -p "$OUT/graphs"
"$J" -XX:ErrorFile=/tmp/enr-crash-%p.log ${JOPTS:-} -cp "target/classes:target/test-classes:$CP" enr4j.tools.GraphCheck \
  "${1:-50}" "${@:2}" 2> >(grep -v '^WARNING' >&2) | tee "$OUT/graphs/graph_check.txt"
