#!/usr/bin/env bash
# bf16 must not cost quality: the same short run (data, steps, seed) in fp32 and bf16, both evaluated in fp32
# with the PSNR protocol on the test split. Usage: precision-check.sh [STEPS]
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/gpu/env.sh
STEPS=${1:-1500}
[ -d data/chairs64/train ] || enr dataset generate --category chairs --scenes 1100 --split 1000:50:50 --views 50 \
  --size 64 --seed 0 --out data/chairs64 | tail -1
for p in fp32 bf16; do
  enr train configs/gpu/chairs64.json --precision "$p" --max-steps "$STEPS" --out "/tmp/runs-$p" | tail -4
  RUN=$(ls -d /tmp/runs-$p/*/ | tail -1)
  enr evaluate "$RUN/model" data/chairs64/test --precision fp32 --out "$OUT/psnr_$p.json" | tail -2
done
