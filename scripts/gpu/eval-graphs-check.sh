#!/usr/bin/env bash
# CUDA-graph inference against eager inference with the bundled demo model on generated 64 px chairs: `enr evaluate`
# with --graphs off and on (per-scene PSNR must agree within 0.01 dB) in each precision given (default fp32 bf16),
# then `enr novel-views` of 24 frames both ways (same grid size; how many of its PNG bytes differ is printed), with
# the wall time of each command. Ends with
# EVAL GRAPHS OK or EVAL GRAPHS FAIL; output: $OUT/eval-graphs/. Usage: eval-graphs-check.sh [SCENES [PRECISION ...]]
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/gpu/env.sh
N=${1:-5}
shift || true
PRECISIONS=${*:-fp32 bf16}
R="$OUT/eval-graphs"
mkdir -p "$R"
MODEL=src/main/resources/enr4j/demo/model.zip
D=/tmp/eval-graphs-data
[ -d "$D/test" ] || enr dataset generate --category chairs --scenes "$N" --split "0:0:$N" --views 50 --size 64 \
  --seed 3 --out "$D" | tail -1
status=0
for p in $PRECISIONS; do
  for g in off on; do
    /usr/bin/time -f "$p graphs $g: %e s" bash -c ". scripts/gpu/env.sh; enr evaluate $MODEL $D/test --precision $p \
      --graphs $g --kernels native --out $R/psnr_${p}_$g.json --overwrite" 2>&1 | grep -vE "^WARN|^INFO|^Dec" | tail -2
  done
  python3 - "$R/psnr_${p}_off.json" "$R/psnr_${p}_on.json" "$p" <<'PY' || status=1
import json, sys
def scenes(f):
    d = json.load(open(f))
    rows = d.get("scenes") or d.get("per_scene") or []
    return {r.get("scene", r.get("name")): r["psnr"] for r in rows}
a, b = scenes(sys.argv[1]), scenes(sys.argv[2])
worst = max(abs(a[k] - b[k]) for k in a) if a and a.keys() == b.keys() else float("inf")
print(f"{sys.argv[3]}: {len(a)} scenes, largest per-scene PSNR difference graphs on/off {worst:.5f} dB")
sys.exit(0 if worst <= 0.01 else 1)
PY
done
IMG=$(ls "$D"/test/*/00000.png | head -1)
for g in off on; do
  /usr/bin/time -f "novel-views graphs $g: %e s" bash -c ". scripts/gpu/env.sh; enr novel-views $MODEL $IMG --frames 24 \
    --graphs $g --out $R/views_$g --overwrite" 2>&1 | grep -vE "^WARN|^INFO|^Dec" | tail -1
done
python3 - "$R/views_off/novel_views.png" "$R/views_on/novel_views.png" <<'PY' || status=1
import sys, zlib, struct
def pixels(path):
    data = open(path, "rb").read()
    pos, chunks, w, h = 8, [], 0, 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h = struct.unpack(">II", body[:8])
        if kind == b"IDAT":
            chunks.append(body)
        pos += 12 + n
    return w, h, zlib.decompress(b"".join(chunks))
wa, ha, a = pixels(sys.argv[1])
wb, hb, b = pixels(sys.argv[2])
same = (wa, ha) == (wb, hb) and len(a) == len(b)
diff = sum(x != y for x, y in zip(a, b)) if same else -1
print(f"novel views: {wa}x{ha} vs {wb}x{hb}, {diff} of {len(a)} filtered bytes differ")
sys.exit(0 if same else 1)
PY
[ $status -eq 0 ] && echo "EVAL GRAPHS OK" || echo "EVAL GRAPHS FAIL"
exit $status
