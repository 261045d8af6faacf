#!/usr/bin/env bash
# The first GPU training run: generated chairs at 64 px, the reference architecture at 64 px, a fixed budget of minutes,
# then the PSNR protocol on the test split. Usage: train-chairs64.sh [MINUTES]
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/gpu/env.sh
MIN=${1:-6}
[ -d data/chairs64/train ] || enr dataset generate --category chairs --scenes 1100 --split 1000:50:50 --views 50 \
  --size 64 --seed 0 --out data/chairs64 | tee "$OUT/datagen.txt"
enr train configs/gpu/chairs64.json --precision bf16 --max-minutes "$MIN" --out /tmp/runs-chairs64 | tee "$OUT/train.txt"
RUN=$(ls -d /tmp/runs-chairs64/*/ | tail -1)
enr evaluate "$RUN/best_model" data/chairs64/test --out "$OUT/psnr_chairs64.json" | tail -5
cp "$RUN"/loss_history.json "$RUN"/epoch_loss_history.json "$RUN"/val_loss_history.json "$OUT/"
cp "$RUN"/imgs_ground_truth.png "$OUT/"; cp "$(ls "$RUN"/imgs_gen_*.png | tail -1)" "$OUT/imgs_gen_last.png"
