#!/usr/bin/env bash
# Trains the compact model bundled with `enr demo` (chairs, 64 px) and picks example images from the test split.
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/gpu/env.sh
MIN=${1:-3}
enr train configs/gpu/demo64.json --precision bf16 --max-minutes "$MIN" --out /tmp/runs-demo | tail -4
RUN=$(ls -d /tmp/runs-demo/*/ | tail -1)
enr evaluate "$RUN/best_model" data/chairs64/test --out "$OUT/psnr_demo.json" | tail -2
(cd "$RUN/best_model" && python3 -c "import zipfile;z=zipfile.ZipFile('$OUT/demo_model.zip','w');[z.write(f) for f in ('config.json','model.safetensors')]")
for s in 0 7 21; do
  d=$(ls -d data/chairs64/test/*/ | sed -n "$((s+1))p"); cp "$d/00064.png" "$OUT/example_$s.png"
  python3 -c "import json;p=json.load(open('$d/render_params.json'))['00064'];print('example_$s.png,%s,%s'%(p['azimuth'],p['elevation']))" >> "$OUT/examples.csv"
done
