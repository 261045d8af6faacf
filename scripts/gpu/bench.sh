#!/usr/bin/env bash
# Speed, in one call on one GPU, in this order: the reference eager in fp32, the reference with
# torch.compile(mode="reduce-overhead") under bf16 autocast with fused Adam, then enr4j in bf16 per switch
# (libtorch's kernels, + the fused GroupNorm, + channels-last; then each with CUDA graphs), then the 64 px chairs
# config without and with the switches. The reference rows need the reference code in ref/ml-enr (git-ignored; see
# scripts/reference/README.md). PARTS (default "ref enr chairs64") picks the groups. Output: $OUT/bench_*.txt.
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/gpu/env.sh
PARTS=${PARTS:-"ref enr chairs64"}
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee "$OUT/gpu.txt"
REF="--batch 16 --size 128 --steps 30 --warmup 10"
if [[ " $PARTS " == *" ref "* && -d ref/ml-enr ]]; then
  echo "== reference eager fp32"
  python3 scripts/reference/bench_reference.py $REF --amp none | tee "$OUT/bench_ref_fp32.txt"
  echo "== reference torch.compile(mode=reduce-overhead), bf16 autocast, fused Adam"
  python3 scripts/reference/bench_reference.py $REF --amp bf16 --fused-adam --cudnn-benchmark \
    --compile reduce-overhead | tee "$OUT/bench_ref_compile.txt"
fi
SWITCHES=("--kernels libtorch --graphs off" "--kernels native --graphs off" \
  "--kernels native --channels-last --graphs off" "--kernels libtorch --graphs on" "--kernels native --graphs on" \
  "--kernels native --channels-last --graphs on")
if [[ " $PARTS " == *" enr "* ]]; then
  for args in "${SWITCHES[@]}"; do
    echo "== enr bench --precision bf16 $args"
    enr bench --precision bf16 $args --steps 50 --warmup 10 2>&1 | tee -a "$OUT/bench_enr.txt"
  done
fi
if [[ " $PARTS " == *" chairs64 "* ]]; then
  for args in "${SWITCHES[0]}" "${SWITCHES[4]}" "${SWITCHES[5]}"; do
    echo "== enr bench --config configs/gpu/chairs64.json --precision bf16 $args"
    enr bench --config configs/gpu/chairs64.json --precision bf16 $args --steps 50 --warmup 10 2>&1 \
      | tee -a "$OUT/bench_chairs64.txt"
  done
fi
