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
import collections, csv, sys
rows = [r for r in csv.reader(open(sys.argv[1])) if len(r) > 10]
head = rows[0]
ident, name, metric = head.index('ID'), head.index('Kernel Name'), head.index('Metric Name')
value, unit = head.index('Metric Value'), head.index('Metric Unit')
scale = {'ns': 1e-3, 'nsecond': 1e-3, 'us': 1.0, 'usecond': 1.0, 'ms': 1e3, 'msecond': 1e3}
kernels = collections.OrderedDict()
for r in rows[1:]:
    k = kernels.setdefault(r[ident], {'name': r[name]})
    v = float(r[value].replace(',', ''))
    k[r[metric]] = v * scale.get(r[unit], 1e-3) if r[metric] == 'gpu__time_duration.sum' else v
per = collections.defaultdict(list)
with open(sys.argv[3], 'w') as seq:
    for i, k in enumerate(kernels.values()):
        t = k.get('gpu__time_duration.sum', 0.0)
        per[k['name'][:70]].append(t)
        seq.write(f"{i:5d} {t:8.1f} us grid={int(k.get('launch__grid_size', 0)):7d} "
                  f"block={int(k.get('launch__block_size', 0)):4d}  {k['name'][:160]}\n")
total = sum(sum(v) for v in per.values())
print(f"# one eager step of enr bench --precision bf16 {sys.argv[2]}: {total / 1000:.1f} ms over "
      f"{sum(len(v) for v in per.values())} kernels (Nsight Compute, serialised)")
for k, v in sorted(per.items(), key=lambda kv: -sum(kv[1]))[:45]:
    print(f"{sum(v) / 1000:7.2f} ms  n={len(v):4d}  mean={sum(v) / len(v):7.1f} us  {k}")
PY
