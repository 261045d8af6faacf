#!/usr/bin/env bash
# Where the GPU time of 1 image -> 16 novel views goes: Nsight Compute times every kernel of `enr bench --steps 0`
# (inference only, bf16, reference config; the options given are passed on, e.g. --kernels native --channels-last),
# finds the last of the repeated 16-view calls in the kernel sequence and prints its kernels by total time, warm
# caches and boost clocks (the serialised total is still above a graph replay's time: no overlap, launch gaps).
# Output: $OUT/profile/ncu_inference.csv, ncu_inference_kernels.txt, ncu_inference_sequence.txt (launch order).
# Usage: profile-inference.sh [ENR_BENCH_OPTION ...]
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/gpu/env.sh
NCU=${NCU:-/usr/local/cuda/bin/ncu}
P="$OUT/profile"
mkdir -p "$P"
"$NCU" --metrics gpu__time_duration.sum,launch__grid_size,launch__block_size --cache-control none \
  --clock-control none --csv "$J" -cp "$CP" enr4j.cli.Main bench --precision bf16 --steps 0 --inference-calls 3 "$@" \
  > "$P/ncu_inference.csv" 2> "$P/ncu_inference_stderr.txt"
python3 - "$P/ncu_inference.csv" "$*" "$P/ncu_inference_sequence.txt" <<'PY' | tee "$P/ncu_inference_kernels.txt"
import sys
sys.path.insert(0, "scripts/gpu")
import ncu_kernels
ks = ncu_kernels.read(sys.argv[1])
key = [(k['name'], k['grid'], k['block']) for k in ks]

def last_block(end, reps=3):
    """(start, period) of the last call before `end` that repeats `reps` times back to back, skipping junk."""
    e = end
    while e > 0:
        for p in range(10, e // reps + 1):
            if all(key[e - 1 - j * p] == key[e - 1] for j in range(1, reps)) and \
               all(key[e - (j + 1) * p:e - j * p] == key[e - p:e] for j in range(1, reps)):
                s = e - p
                while s - p >= 0 and key[s - p:s] == key[e - p:e]:
                    s -= p
                return e - p, p, s
        e -= 1
    return None

one = last_block(len(key))            # the 1-view calls come last
sixteen = last_block(one[2]) if one else None
if not sixteen:
    sys.exit("no repeated 16-view call found in the kernel sequence")
start, p, _ = sixteen
call = ks[start:start + p]
ncu_kernels.write_sequence(call, sys.argv[3])
ncu_kernels.print_summary(call, f"one 1 -> 16 views call of enr bench --precision bf16 {sys.argv[2]} (a window of "
                          f"the repeating kernel sequence; Nsight Compute, serialised, warm caches)")
if one:
    print(f"# (one 1-view call: {sum(k['us'] for k in ks[one[0]:one[0] + one[1]]) / 1000:.2f} ms over {one[1]} kernels)")
PY
