#!/usr/bin/env bash
# The model bundled with `enr demo`, trained long: the compact demo architecture (configs/gpu/bundled64.json) on
# generated chairs plus the real Sweet Home 3D chairs of scripts/data/real-chairs.sh (carry data/real-chairs-parts),
# validated on generated chairs only, so the held-out real chairs never steer the choice of checkpoint. Scores the
# best model and today's bundled one with the PSNR protocol on the generated test split and on the held-out real
# chairs. RESUME=RUN_DIR continues a run (e.g. one unpacked from carried run-state parts); INIT=MODEL (without RESUME)
# starts a new run from a saved model's weights, e.g. INIT=src/main/resources/enr4j/demo/model.zip when the run state
# of the bundled model is not at hand (a fresh optimiser, the config's lr). AUGMENT=P recolours each
# training pair with probability P (AUGMENT=0.5 passes --colour-augmentation 0.5 to `enr train`, fresh or resumed), so
# a run started without colour augmentation can be resumed with it; unset, the config decides (bundled64.json: off).
# CHROMA=W adds "chroma_loss_weight": W (docs/TRAINING.md) to the config of a new run (a copy of bundled64.json beside
# the data, data/bundled64-chroma.json, or with INIT data/bundled64-init.json); a resumed run (RESUME) keeps the
# loss of its own config, so CHROMA has no effect there.
# Output: $OUT/bundled/results.tgz (scores, logs, the model as a zip) and run.tar.partNN (the resumable run, 15 MiB
# parts: cat run.tar.part* | tar -C /tmp/runs-bundled -xf -). Usage: train-bundled.sh MINUTES
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/gpu/env.sh
MIN=${1:-10}
SCENES=${SCENES:-4000}
TEST=${TEST:-50}
PRECISION=${PRECISION:-bf16}
SPEED=${SPEED:---kernels native --graphs on}
AUGMENT_ARGS=()
if [ -n "${AUGMENT:-}" ]; then AUGMENT_ARGS=(--colour-augmentation "$AUGMENT"); fi
R="$OUT/bundled"
W=/tmp/bundled-work
rm -rf "$W"
mkdir -p "$R" "$W"
G=data/chairs64-$SCENES
[ -d "$G/train" ] || enr dataset generate --category chairs --scenes $((SCENES + 50 + TEST)) --split "$SCENES:50:$TEST" \
  --views 50 --size 64 --seed 0 --out "$G" | tail -1
if compgen -G "data/real-chairs-parts/real-chairs.tar.part*" > /dev/null && [ ! -d data/real-chairs ]; then
  cat data/real-chairs-parts/real-chairs.tar.part* | tar -C data -xf -
fi
# the training folder: links to the generated scenes and to the real training chairs (their names never clash)
rm -rf data/bundled64 && mkdir -p data/bundled64/train
for d in "$G"/train/*/ data/real-chairs/train/train/*/; do
  [ -d "$d" ] && ln -s "$(realpath "$d")" data/bundled64/train/
done
ln -s "$(realpath "$G/val")" data/bundled64/val
echo "training scenes: $(ls data/bundled64/train | wc -l) ($(ls data/real-chairs/train/train 2>/dev/null | wc -l) real)" \
  | tee "$W/data.txt"
if [ -n "${RESUME:-}" ]; then
  [ -n "${CHROMA:-}" ] && echo "CHROMA is ignored with RESUME: the run keeps its own config" >&2
  enr train --resume "$RESUME" --precision "$PRECISION" $SPEED "${AUGMENT_ARGS[@]}" --max-minutes "$MIN" \
    > "$W/train.log" 2>&1
  RUN=$RESUME
else
  CONFIG=configs/gpu/bundled64.json
  if [ -n "${INIT:-}" ] || [ -n "${CHROMA:-}" ]; then
    # the same config beside the data; INIT: starting from INIT's weights at the config's own learning rate
    CONFIG=data/bundled64-$([ -n "${INIT:-}" ] && echo init || echo chroma).json
    python3 - "$CONFIG" "${INIT:-}" "${CHROMA:-}" <<'PY' || exit 1
import json, os, sys
out, init, chroma = sys.argv[1:]
c = json.load(open("configs/gpu/bundled64.json"))
c.update(path_to_data="bundled64/train", path_to_test_data="bundled64/val")
if init:
    c.update(id="bundled-chairs64-init", pretrained_model_path=os.path.abspath(init), finetune_lr=c["lr"])
if chroma:
    c["chroma_loss_weight"] = float(chroma)
json.dump(c, open(out, "w"), indent=2)
PY
  fi
  enr train "$CONFIG" --precision "$PRECISION" $SPEED "${AUGMENT_ARGS[@]}" --max-minutes "$MIN" \
    --out /tmp/runs-bundled > "$W/train.log" 2>&1
  RUN=$(ls -d /tmp/runs-bundled/*/ | tail -1)
fi
tail -c 3000 "$W/train.log" | tr '\r' '\n' | grep -v '^\s*$' | tail -8
BEST="$RUN/best_model"
[ -d "$BEST" ] || BEST="$RUN/model" # no epoch ended yet, so nothing was validated
for m in new old; do
  model=$([ $m = new ] && echo "$BEST" || echo src/main/resources/enr4j/demo/model.zip)
  enr evaluate "$model" "$G/test" --precision fp32 --out "$W/psnr_${m}_generated.json" | tail -1
  [ -d data/real-chairs/heldout/test ] && enr evaluate "$model" data/real-chairs/heldout/test --precision fp32 \
    --out "$W/psnr_${m}_real.json" | tail -1
done
enr convert "$BEST" "$W/model.zip" > /dev/null
cp "$RUN"/*history*.json "$RUN"/metrics.csv "$W/" 2>/dev/null
tar -C "$W" -czf "$R/results.tgz" .
tar -C "$(dirname "$RUN")" -cf - "$(basename "$RUN")" | split -b 15M -d - "$R/run.tar.part"
ls -l "$R"
