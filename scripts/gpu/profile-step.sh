#!/usr/bin/env bash
# Where one training step's GPU time goes: Nsight Compute times every kernel of one eager step of `enr bench`
# (bf16, reference config, batch 16; the options given are passed on, e.g. --kernels native --channels-last) and
# prints the kernels by total time; ncu_step_sequence.txt lists them in launch order with grid and block sizes
# (which tensor a copy kernel touched shows in its size and its neighbours). Nsight serialises kernels and flushes caches between them, so the total is above
# a replayed step's time; the shares are what to read. Output: $OUT/profile/ncu_step.csv and ncu_step_kernels.txt.
# NCU_ARGS adds Nsight options, e.g. "--cache-control none --clock-control none" (warm caches, boost clocks).
# Usage: profile-step.sh [ENR_BENCH_OPTION ...]
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/gpu/env.sh
NCU=${NCU:-/usr/local/cuda/bin/ncu}
P="$OUT/profile"
mkdir -p "$P"
# 10 warm-up steps (cuDNN's autotuning included) are skipped: about 3,000 kernels per step, plus the trials
"$NCU" --metrics gpu__time_duration.sum,launch__grid_size,launch__block_size ${NCU_ARGS:-} --csv --launch-skip 30000 --launch-count 3000 \
  "$J" -cp "$CP" enr4j.cli.Main bench --precision bf16 --steps 6 --warmup 10 --inference-calls 1 "$@" \
  > "$P/ncu_step.csv" 2> "$P/ncu_stderr.txt"
python3 - "$P/ncu_step.csv" "$*" "$P/ncu_step_sequence.txt" <<'PY' | tee "$P/ncu_step_kernels.txt"
import sys
sys.path.insert(0, "scripts/gpu")
import ncu_kernels
kernels = ncu_kernels.read(sys.argv[1])
ncu_kernels.write_sequence(kernels, sys.argv[3])
ncu_kernels.print_summary(kernels, f"one eager step of enr bench --precision bf16 {sys.argv[2]} (Nsight Compute, serialised)")
PY
