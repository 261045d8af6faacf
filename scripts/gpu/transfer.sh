#!/usr/bin/env bash
# Issue 7's comparison (seed 003): a model trained on generated mugs, then four runs on generated bowls with the same
# data and epochs: from scratch, fine-tune all, progressive freezing, progressive + perceptual loss + EMA.
# Needs a torchvision vgg19 state dict at pretrained/vgg19.pth (made here from torchvision's architecture with random
# weights when none is present: the host has no network). Usage: transfer.sh [EPOCHS]
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/gpu/env.sh
EPOCHS=${1:-20}
for c in mugs bowls; do
  [ -d data/${c}64/train ] || enr dataset generate --category $c --scenes 330 --split 300:15:15 --views 20 --size 64 \
    --out data/${c}64 | tail -1
done
mkdir -p pretrained
[ -f pretrained/vgg19.pth ] || python3 -c "import torch,torchvision;torch.manual_seed(0);torch.save(torchvision.models.vgg19().state_dict(),'pretrained/vgg19.pth')"
enr train configs/transfer/mugs_pretrain.json --epochs "$EPOCHS" --out /tmp/runs-transfer | tail -2
rm -rf pretrained/mugs && mkdir -p pretrained/mugs && cp -r "$(ls -d /tmp/runs-transfer/*mugs-pretrain*/ | tail -1)/best_model" pretrained/mugs/model
for v in scratch finetune_all progressive progressive_perceptual_ema; do
  enr train configs/transfer/bowls_$v.json --epochs "$EPOCHS" --out /tmp/runs-transfer | tail -2
  RUN=$(ls -d /tmp/runs-transfer/*bowls-*/ | tail -1)
  enr evaluate "$RUN/best_model" data/bowls64/test --source-view 64 --out "$OUT/psnr_bowls_$v.json" | tail -1
  IMG=$(ls -d data/bowls64/test/*/ | head -1)00064.png
  enr novel-views "$RUN/best_model" "$IMG" --frames 24 --out "/tmp/nv_$v" | tail -1 && cp "/tmp/nv_$v/novel_views.gif" "$OUT/bowls_$v.gif"
done
