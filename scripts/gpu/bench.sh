#!/usr/bin/env bash
# Speed, in one call on one GPU, in this order: the reference eager in fp32, the reference with
# torch.compile(mode="reduce-overhead") under bf16 autocast with fused Adam, then enr4j in bf16 per switch
# (libtorch's kernels, + the fused GroupNorm, + channels-last). The reference rows need the reference code in
# ref/ml-enr (git-ignored; see scripts/reference/README.md). Output: $OUT/bench_*.txt.
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/gpu/env.sh
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee "$OUT/gpu.txt"
REF="--batch 16 --size 128 --steps 30 --warmup 10"
if [ -d ref/ml-enr ]; then
  echo "== reference eager fp32"
  python3 scripts/reference/bench_reference.py $REF --amp none | tee "$OUT/bench_ref_fp32.txt"
  echo "== reference torch.compile(mode=reduce-overhead), bf16 autocast, fused Adam"
  python3 scripts/reference/bench_reference.py $REF --amp bf16 --fused-adam --cudnn-benchmark \
    --compile reduce-overhead | tee "$OUT/bench_ref_compile.txt"
fi
for args in "--kernels libtorch" "--kernels native" "--kernels native --channels-last"; do
  echo "== enr bench --precision bf16 $args"
  enr bench --precision bf16 $args --steps 30 --warmup 10 2>&1 | tee -a "$OUT/bench_enr.txt"
done
