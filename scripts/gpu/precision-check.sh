#!/usr/bin/env bash
# bf16 must not cost quality: the same run (data, steps, seed) in fp32 and in bf16, side by side on the one GPU, both
# scored in fp32 with the PSNR protocol on the test split. Writes into $OUT/precision/. Usage: precision-check.sh [STEPS]
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/gpu/env.sh
STEPS=${1:-3000}
R="$OUT/precision"
mkdir -p "$R"
[ -d data/chairs64/train ] || enr dataset generate --category chairs --scenes 1100 --split 1000:50:50 --views 50 \
  --size 64 --seed 0 --out data/chairs64 | tail -1
for p in fp32 bf16; do
  enr train configs/gpu/chairs64.json --precision "$p" --max-steps "$STEPS" --out "/tmp/runs-$p" > "$R/train_$p.log" 2>&1 &
done
wait
for p in fp32 bf16; do
  keep_summary "$p" "$R"
  enr evaluate "$(latest_run "$p")model" data/chairs64/test --precision fp32 --out "$R/psnr_$p.json" | tail -2
done
