#!/usr/bin/env bash
# What is live at the training step's peak GPU memory: `enr bench --memory-trace` on the fast path (bf16, fused
# kernels, channels-last, CUDA graphs; reference config, batch 16, 128 px) records every allocation and free of
# libtorch's caching allocator over the window the peak is measured in, tagged with the part, layer-sequence step or
# phase that made it. SWITCHES replaces the default switches (e.g. SWITCHES="--precision bf16 --kernels native" for
# the eager NC-layout step); options given are added.
# Output: $OUT/memory/report.txt (peak, blocks live at it by tag and size, timeline of tags) and bench.txt (the
# bench's own figures; its times are slowed by the recording, its peak is not).
# Usage: memory-trace.sh [ENR_BENCH_OPTION ...]
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/gpu/env.sh
M="$OUT/memory"
mkdir -p "$M"
SWITCHES=${SWITCHES:-"--precision bf16 --kernels native --channels-last --graphs on"}
# shellcheck disable=SC2086
enr bench $SWITCHES --steps 5 --warmup 5 --inference-calls 1 --memory-trace "$M/report.txt" "$@" 2>&1 \
  | tee "$M/bench.txt"
rc=${PIPESTATUS[0]}
head -75 "$M/report.txt" 2>/dev/null
exit $rc
