#!/usr/bin/env bash
# Speed, reference first then enr4j, on the same GPU in the same call. The reference rows need the reference code in
# ref/ml-enr (git-ignored; see scripts/reference/README.md).
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/gpu/env.sh
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee "$OUT/gpu.txt"
if [ -d ref/ml-enr ]; then
  python3 scripts/reference/bench_reference.py --batch 16 --size 128 --steps 30 --warmup 10 --amp none | tee "$OUT/bench_ref_fp32.txt"
  python3 scripts/reference/bench_reference.py --batch 16 --size 128 --steps 30 --warmup 10 --amp bf16 | tee "$OUT/bench_ref_bf16.txt"
fi
for args in "--precision tf32 --libtorch-adam" "--precision tf32" "--precision bf16-autocast" "--precision bf16" \
            "--precision bf16 --channels-last"; do
  echo "== enr bench $args"
  enr bench $args --steps 30 --warmup 10 | tee -a "$OUT/bench_enr.txt"
done
echo "== enr bench --precision bf16 with cuDNN's workspace capped at 256 MiB (CUDNN_CONV_WSCAP_DBG=256)"
CUDNN_CONV_WSCAP_DBG=256 enr bench --precision bf16 --steps 30 --warmup 10 | tee -a "$OUT/bench_enr.txt"
