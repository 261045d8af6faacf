#!/usr/bin/env bash
# Data-parallel scaling on one host. The reference architecture at 128 px, bf16, on generated chairs;
# images/s on 1 GPU and on N GPUs in the same call (NCCL; leave NVLink multicast off, as the host requires).
# batch_size is global (docs/DISTRIBUTED.md): the N-GPU rows run both the same global batch (16: 16/N per GPU) and
# the same per-GPU batch (16 per GPU: global 16N), the way weak scaling is usually measured.
# Usage: multi-gpu.sh [N] [STEPS]
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/gpu/env.sh
export NCCL_NVLS_ENABLE=0 TORCH_SYMM_MEM_DISABLE_MULTICAST=1 NVSHMEM_DISABLE_NVLS=1
N=${1:-2}
STEPS=${2:-600}
nvidia-smi --query-gpu=index,name --format=csv,noheader
[ -d data/chairs128/train ] || enr dataset generate --category chairs --scenes 420 --split 400:20:0 --views 50 \
  --size 128 --out data/chairs128 | tail -1
config() {  # global batch -> config file
  sed -e 's#"chairs-train"#"../../data/chairs128/train"#' -e 's#"chairs-val"#"../../data/chairs128/val"#' \
      -e "s#\"batch_size\": 16#\"batch_size\": $1#" configs/reference.json > "configs/gpu/chairs128_b$1.json"
  echo "configs/gpu/chairs128_b$1.json"
}
run() {  # processes, global batch
  echo "== $1 GPU(s), global batch $2 ($(( $2 / $1 )) per GPU)"
  enr train "$(config "$2")" --precision bf16 --max-steps "$STEPS" --processes "$1" --out "/tmp/runs-gpus$1-b$2" \
    2>&1 | tr '\r' '\n' | grep -E "after .* steps|identical|rank|error" | sort -u
}
run 1 16
run "$N" $((16 * N))
run "$N" 16
