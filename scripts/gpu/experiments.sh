#!/usr/bin/env bash
# Issues 5, 6 and 7 in one GPU call: precision-check.sh, translations.sh and transfer.sh run side by side (each
# step is launch-bound at 64 px, so the jobs share the GPU well; nothing here is a timing). Packs every result into $OUT/results.tgz and the two translation models into
# $OUT/models.tgz.part-* (a call returns at most 8 files of 16 MiB). Usage: experiments.sh [MINUTES] [EPOCHS] [STEPS]
set -uo pipefail
cd "$(dirname "$0")/../.."
FINAL=${OUT:-/tmp/enr-out}
export OUT=/tmp/exp
mkdir -p $OUT
bash scripts/gpu/translations.sh "${1:-5}" > $OUT/translations.log 2>&1 &
bash scripts/gpu/transfer.sh "${2:-20}" > $OUT/transfer.log 2>&1 &
bash scripts/gpu/precision-check.sh "${3:-3000}" > $OUT/precision.log 2>&1 &
wait
tar czf "$FINAL/results.tgz" -C $OUT .
tar cf - -C /tmp models | split -b 15M - "$FINAL/models.tar.part-"
ls -la "$FINAL"
