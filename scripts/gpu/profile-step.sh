#!/usr/bin/env bash
# Where one training step's GPU time goes: Nsight Compute times every kernel of one eager step of `enr bench`
# (bf16, reference config, batch 16; the options given are passed on, e.g. --kernels native --channels-last) and
# prints the kernels by total time. Nsight serialises kernels and flushes caches between them, so the total is above
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
"$NCU" --metrics gpu__time_duration.sum ${NCU_ARGS:-} --csv --launch-skip 30000 --launch-count 3000 \
  "$J" -cp "$CP" enr4j.cli.Main bench --precision bf16 --steps 6 --warmup 10 --inference-calls 1 "$@" \
  > "$P/ncu_step.csv" 2> "$P/ncu_stderr.txt"
python3 - "$P/ncu_step.csv" "$*" <<'PY' | tee "$P/ncu_step_kernels.txt"
import collections, csv, sys
rows = [r for r in csv.reader(open(sys.argv[1])) if len(r) > 10]
head = rows[0]
name, value, unit = head.index('Kernel Name'), head.index('Metric Value'), head.index('Metric Unit')
scale = {'ns': 1e-3, 'nsecond': 1e-3, 'us': 1.0, 'usecond': 1.0, 'ms': 1e3, 'msecond': 1e3}
per = collections.defaultdict(list)
for r in rows[1:]:
    per[r[name][:70]].append(float(r[value].replace(',', '')) * scale.get(r[unit], 1e-3))
total = sum(sum(v) for v in per.values())
print(f"# one eager step of enr bench --precision bf16 {sys.argv[2]}: {total / 1000:.1f} ms over "
      f"{sum(len(v) for v in per.values())} kernels (Nsight Compute, serialised)")
for k, v in sorted(per.items(), key=lambda kv: -sum(kv[1]))[:45]:
    print(f"{sum(v) / 1000:7.2f} ms  n={len(v):4d}  mean={sum(v) / len(v):7.1f} us  {k}")
PY
