#!/usr/bin/env bash
# A model converted by `enr convert` must load with the reference's load_model and render what enr4j renders:
# ParityDump writes model.pt and enr4j's outputs for it, `enr convert` takes it .pt -> folder -> .zip -> .pt, and
# scripts/reference/convert_parity.py checks the last .pt against the folder and the outputs (ends with CONVERT OK /
# CONVERT FAIL). Needs target/test-classes and `ref` as for the parity check (docs/BENCHMARKS.md, "Rerun").
# Writes into $OUT/convert/. Usage: [DEVICE=cpu] convert-parity.sh [MODEL] (default: the reference architecture, random weights).
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/gpu/env.sh
D="$OUT/convert"
rm -rf "$D"
mkdir -p "$D"
"$J" -cp "target/test-classes:$CP" enr4j.tools.ParityDump "$D" "${DEVICE:-cuda}" ${1:+"$1"} 2> >(grep -v '^WARNING' >&2)
enr convert "$D/model.pt" "$D/model"
enr convert "$D/model" "$D/model.zip"
enr convert "$D/model.zip" "$D/converted.pt"
python3 scripts/reference/convert_parity.py "$D/model" "$D/converted.pt" "$D/dump.safetensors" | tee "$D/convert_parity.txt"
