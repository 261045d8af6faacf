#!/usr/bin/env bash
# bf16 must not cost quality: the same run (data, steps, seed) in fp32 and in bf16, side by side on the one GPU, all
# scored in fp32 with the PSNR protocol on the test split. With SEEDS="0 1" (the default) each precision trains twice,
# with two seeds, so the gap between precisions can be set against the spread between seeds of one precision.
# TRAIN_ARGS_fp32 / TRAIN_ARGS_bf16 add options to one precision's runs (e.g. TRAIN_ARGS_bf16="--kernels native --graphs on").
# Writes into $OUT/precision/. Usage: precision-check.sh [STEPS]
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/gpu/env.sh
STEPS=${1:-3000}
SEEDS=${SEEDS:-"0 1"}
R="$OUT/precision"
mkdir -p "$R"
[ -d data/chairs64/train ] || enr dataset generate --category chairs --scenes 1100 --split 1000:50:50 --views 50 \
  --size 64 --seed 0 --out data/chairs64 | tail -1
RUNS=""
for s in $SEEDS; do
  # a copy of the config beside it (its data paths are relative to its folder) with the seed set
  sed "s/\"id\": \"chairs64\",/\"id\": \"chairs64-seed$s\", \"seed\": $s,/" configs/gpu/chairs64.json > configs/gpu/chairs64_seed$s.json
  for p in fp32 bf16; do
    extra="TRAIN_ARGS_$p"
    enr train configs/gpu/chairs64_seed$s.json --precision "$p" ${!extra:-} --max-steps "$STEPS" --out "/tmp/runs-${p}_s$s" \
      > "$R/train_${p}_s$s.log" 2>&1 &
    RUNS="$RUNS ${p}_s$s"
  done
done
wait
# the runs scored side by side as well (a few seconds of GPU work each), so that one call of 10 minutes holds it all
for r in $RUNS; do
  keep_summary "$r" "$R"
  enr evaluate "$(latest_run "$r")model" data/chairs64/test --precision fp32 --out "$R/psnr_$r.json" \
    > "$R/evaluate_$r.txt" 2>&1 &
done
wait
for r in $RUNS; do
  echo "$r: $(grep -E '^mean PSNR' "$R/evaluate_$r.txt" || tail -1 "$R/evaluate_$r.txt")"
done
