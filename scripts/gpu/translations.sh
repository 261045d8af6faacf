#!/usr/bin/env bash
# Issue 6's GPU comparison: generated chairs seen by cameras that turn AND move (rototranslation, 64 px). Two models of
# the reference architecture train side by side for the same minutes on the same data: one uses the translations
# (SE(3) scene transforms, scene_extent 1.3416), the rotation-only baseline reads every translation as zero (what the
# reference model would make of this data). Both are scored on the same test split; the baseline both ways.
# Writes into $OUT/translations/. Usage: translations.sh [MINUTES]
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/gpu/env.sh
MIN=${1:-5}
D=data/chairs64rt
R="$OUT/translations"
mkdir -p "$R"
[ -d $D/train ] || enr dataset generate --category chairs --mode rototranslation --scenes 1100 --split 1000:50:50 \
  --views 50 --size 64 --seed 0 --out $D | tail -1 | tee "$R/datagen.txt"
for v in rototranslation rotation_only; do
  enr train configs/gpu/${v}64.json --max-minutes "$MIN" --out "/tmp/runs-$v" > "$R/train_$v.log" 2>&1 &
done
wait
for v in rototranslation rotation_only; do
  RUN=$(ls -d /tmp/runs-$v/*/ | tail -1)
  tail -c 3000 "$R/train_$v.log" | tr '\r' '\n' | tail -6 > "$R/train_$v.txt"
  cp "$RUN"/val_loss_history.json "$R/val_loss_$v.json"
  cp "$(ls "$RUN"/imgs_gen_*.png | tail -1)" "$R/imgs_gen_last_$v.png"
  if [ $v = rotation_only ]; then
    enr evaluate "$RUN/best_model" $D/test --ignore-translations --out "$R/psnr_$v.json" | tail -3
    enr evaluate "$RUN/best_model" $D/test --out "$R/psnr_${v}_translations_applied.json" | tail -3
  else
    enr evaluate "$RUN/best_model" $D/test --out "$R/psnr_$v.json" | tail -3
  fi
  mkdir -p "/tmp/models/$v" && cp -r "$RUN/best_model/." "/tmp/models/$v/"
done
