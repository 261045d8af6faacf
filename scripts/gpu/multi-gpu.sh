#!/usr/bin/env bash
# Issue 8: data-parallel scaling on one host. The reference architecture at 128 px, bf16, on generated chairs;
# images/s with 1 and with N GPUs in the same call (NCCL; leave NVLink multicast off, as the host requires).
# Usage: multi-gpu.sh [N] [STEPS]
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/gpu/env.sh
export NCCL_NVLS_ENABLE=0 TORCH_SYMM_MEM_DISABLE_MULTICAST=1 NVSHMEM_DISABLE_NVLS=1
N=${1:-2}
STEPS=${2:-300}
[ -d data/chairs128/train ] || enr dataset generate --category chairs --scenes 420 --split 400:20:0 --views 50 \
  --size 128 --out data/chairs128 | tail -1
sed -e 's#"chairs-train"#"../../data/chairs128/train"#' -e 's#"chairs-val"#"../../data/chairs128/val"#' \
  configs/reference.json > configs/gpu/chairs128.json
for n in 1 "$N"; do
  echo "== $n GPU(s)"
  enr train configs/gpu/chairs128.json --precision bf16 --max-steps "$STEPS" --processes "$n" --out "/tmp/runs-gpus$n" \
    | grep -E "images/s|identical"
done
