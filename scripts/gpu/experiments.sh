#!/usr/bin/env bash
# Runs several of the GPU scripts side by side in one call (at 64 px each training step is launch-bound, so jobs
# share the GPU well; nothing run this way is a timing) and packs all their results into $OUT/results.tgz (a call
# returns at most 8 files) when they end or at the deadline, whichever comes first.
# Usage: experiments.sh DEADLINE_SECONDS "translations.sh 4" "precision-check.sh 2000" ...
set -uo pipefail
cd "$(dirname "$0")/../.."
FINAL=${OUT:-/tmp/enr-out}
DEADLINE=$1; shift
export OUT=/tmp/exp
mkdir -p $OUT "$FINAL"
for job in "$@"; do
  name=${job%%.sh*}
  bash scripts/gpu/$job > "$OUT/$name.log" 2>&1 &
done
while [ -n "$(jobs -r)" ] && [ $SECONDS -lt "$DEADLINE" ]; do sleep 5; done
[ -n "$(jobs -r)" ] && echo "deadline reached: packing what exists" | tee "$OUT/DEADLINE"
tar czf "$FINAL/results.tgz" -C $OUT .
ls -la "$FINAL"
