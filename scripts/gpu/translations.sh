#!/usr/bin/env bash
# The translations comparison on the GPU: generated chairs seen by cameras that turn AND move (rototranslation, 64 px). Two models of
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
  RUN=$(latest_run "$v")
  keep_summary "$v" "$R"
  cp "$(ls "$RUN"/imgs_gen_*.png | tail -1)" "$R/imgs_gen_last_$v.png"
  if [ $v = rotation_only ]; then
    enr evaluate "$RUN/best_model" $D/test --ignore-translations --out "$R/psnr_$v.json" | tail -3
    enr evaluate "$RUN/best_model" $D/test --out "$R/psnr_${v}_translations_applied.json" | tail -3
  else
    enr evaluate "$RUN/best_model" $D/test --out "$R/psnr_$v.json" | tail -3
  fi
  mkdir -p "/tmp/models/$v" && cp -r "$RUN/best_model/." "/tmp/models/$v/"
done
# A moving camera: each model infers the scene of one test image (view 64) and renders a drift path (a full turn
# while the object circles in the image plane), starting from that view's own pose.
TEST=$(ls -d $D/test/*/ | head -1)
read -r AZ EL TR < <(python3 -c "import json; p=json.load(open('${TEST}render_params.json'))['00064']; \
print(p['azimuth'], p['elevation'], ','.join(str(v) for v in p.get('translation', [0, 0, 0])))")
for v in rototranslation rotation_only; do
  enr novel-views "/tmp/models/$v" "${TEST}00064.png" --path drift --translation 0.25 --frames 36 \
    --source-azimuth "$AZ" --source-elevation "$EL" --source-translation "$TR" --out "/tmp/nv_$v" | tail -1
  cp "/tmp/nv_$v/novel_views.gif" "$R/drift_$v.gif"; cp "/tmp/nv_$v/novel_views.png" "$R/drift_$v.png"
done
cp "${TEST}00064.png" "$R/drift_input.png"
