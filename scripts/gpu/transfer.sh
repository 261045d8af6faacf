#!/usr/bin/env bash
# The transfer-learning comparison: a model trained on generated mugs, then four runs on generated bowls with the same
# data and epochs, side by side on the one GPU: from scratch, fine-tune all, progressive freezing, progressive +
# perceptual loss + EMA. Each is scored with the PSNR protocol on the bowls test split and leaves a novel-view GIF.
# Also checks enr4j's VGG19 features against torchvision's on the same (randomly initialised) weights.
# Needs a torchvision vgg19 state dict at pretrained/vgg19.pth (made here from torchvision's architecture with random
# weights when none is present: the host has no network). Writes into $OUT/transfer/. Usage: [VARIANTS="..."] transfer.sh [EPOCHS]
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/gpu/env.sh
EPOCHS=${1:-20}
R="$OUT/transfer"
mkdir -p "$R" pretrained
for c in mugs bowls; do
  [ -d data/${c}64/train ] || enr dataset generate --category $c --scenes 330 --split 300:15:15 --views 20 --size 64 \
    --out data/${c}64 | tail -1
done
[ -f pretrained/vgg19.pth ] || python3 src/tools/python/check_vgg19.py make pretrained/vgg19.pth
"$J" -cp "target/test-classes:$CP" enr4j.tools.Vgg19Dump pretrained/vgg19.pth /tmp/vgg19_dump.safetensors cpu \
  2>/dev/null | tail -1
python3 src/tools/python/check_vgg19.py compare pretrained/vgg19.pth /tmp/vgg19_dump.safetensors | tee "$R/vgg19_check.txt"
enr train configs/transfer/mugs_pretrain.json --epochs "$EPOCHS" --out /tmp/runs-transfer > "$R/train_mugs.log" 2>&1
rm -rf pretrained/mugs && mkdir -p pretrained/mugs && cp -r "$(ls -d /tmp/runs-transfer/*mugs-pretrain*/ | tail -1)/best_model" pretrained/mugs/model
VARIANTS=${VARIANTS:-"scratch finetune_all progressive progressive_perceptual_ema"}
for v in $VARIANTS; do
  enr train configs/transfer/bowls_$v.json --epochs "$EPOCHS" --out "/tmp/runs-bowls-$v" > "$R/train_$v.log" 2>&1 &
done
wait
IMG=$(ls -d data/bowls64/test/*/ | head -1)00064.png
for v in $VARIANTS; do
  RUN=$(ls -d /tmp/runs-bowls-$v/*/ | tail -1)
  grep -E "phase|trainable|frozen" "$R/train_$v.log" | head -20 > "$R/phases_$v.txt"
  cp "$RUN"/val_loss_history.json "$R/val_loss_$v.json"
  enr evaluate "$RUN/best_model" data/bowls64/test --out "$R/psnr_$v.json" | tail -3
  enr evaluate "$RUN/best_model" data/bowls64/val --source-view 0 --out "$R/psnr_val_$v.json" | tail -2
  enr novel-views "$RUN/best_model" "$IMG" --frames 24 --out "/tmp/nv_$v" | tail -1 && cp "/tmp/nv_$v/novel_views.gif" "$R/bowls_$v.gif"
done
