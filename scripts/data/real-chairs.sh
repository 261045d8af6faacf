#!/usr/bin/env bash
# Real chairs at 64 px: the chair models of Debian's sweethome3d-furniture libraries rendered by headless Blender
# (`enr dataset blender`) with the view plan of the generated chairs the project trains on (configs/gpu/chairs64.json,
# data from `enr dataset generate --category chairs ... --views 50 --size 64 --seed 0`): rotation mode, elevation
# -10..50 degrees, azimuth all round, white background, 50 random views per train/val scene, 251 spiral views per test
# scene (source view 64 for `enr evaluate`).
#
#   data/real-chairs/train/train         every chair but the held-out ones, 50 views each (training)
#   data/real-chairs/heldout-val/val     the held-out chairs, 50 random views each (a validation set)
#   data/real-chairs/heldout/test        the held-out chairs, 251 spiral views each (`enr evaluate ... heldout/test`)
#   data/real-chairs-parts/real-chairs.tar.partNN   all three (without the extracted meshes), cut into 50 MiB parts;
#                                        unpack with: cat data/real-chairs-parts/real-chairs.tar.part* | tar -C data -xf -
#
# Held out, never trained on: the four chairs named below (an upholstered armchair, a swivel shell chair on a star
# base, a plastic shell chair on a sled base, a light wooden chair); no other chair model shares their names.
# Makes 63 training chairs (3,150 images) and 4 held-out ones (200 + 1,004 images): 10.9 MB of files (19 MB on disk,
# 42 MB with the extracted meshes), packed into one 13.4 MiB part.
# Time on 2 shared CPU cores: about 6 minutes, all views, all models (Blender starts once per model). Needs blender
# and sweethome3d-furniture (apt-get install -y blender sweethome3d-furniture); installs nothing.
#
# Credits: the models come from Sweet Home 3D's additional furniture libraries (http://www.sweethome3d.com/importModels.jsp);
# /usr/share/doc/sweethome3d-furniture/copyright states, for the four the chairs come from: BlendSwap-CC-0 (19 chairs),
# Copyright 2014 Emmanuel PUYBARET eTeks and other contributors, CC0; BlendSwap-CC-BY (19), Copyright the BlendSwap
# contributors, CC-BY-3.0; KatorLegaz (6), Copyright 2003-2008 Andrew Kator & Jennifer Legaz, CC-BY-3.0-USA; Scopia
# (23), Copyright 2010-2012 Scopia Visual Interfaces Systems, s.l., CC-BY-3.0. Each output folder's CREDITS.md names
# every model, its author, library and licence; the CC-BY licences ask for that credit to travel with the images (it
# is in the packed part).
set -euo pipefail
cd "$(dirname "$0")/../.."
LIB=${LIB:-/usr/share/sweethome3d/furniture}
OUT=data/real-chairs
PARTS=data/real-chairs-parts
HELDOUT='Winchester armchair|Modern armchair|Plastic chair|Osaka chair'

command -v blender >/dev/null || { echo "real-chairs.sh: needs Blender: apt-get install -y blender" >&2; exit 1; }
compgen -G "$LIB/*.sh3f" >/dev/null || { echo "real-chairs.sh: no .sh3f libraries in $LIB: apt-get install -y sweethome3d-furniture" >&2; exit 1; }

PLAN=(--meshes "$LIB" --mode rotation --elevation -10:50 --views 50 --test-views 251 --size 64 --seed 0 --overwrite)
start=$SECONDS
# --match looks in each model's name, category and tags: the first keeps every chair whose name is not held out
./enr dataset blender "${PLAN[@]}" --match "^(?!($HELDOUT)\$).*chair" --split 1:0:0 --out $OUT/train
./enr dataset blender "${PLAN[@]}" --match "^($HELDOUT)\$" --split 0:1:0 --out $OUT/heldout-val
./enr dataset blender "${PLAN[@]}" --match "^($HELDOUT)\$" --split 0:0:1 --out $OUT/heldout
echo "rendered in $((SECONDS - start)) s"

# the held-out models (library entries in CREDITS.md) must not be among the training ones
entries() { grep -o '([^()]*\.sh3f: [^)]*)' "$1/CREDITS.md" | sort; }
shared=$(comm -12 <(entries $OUT/train) <(entries $OUT/heldout))
[ -z "$shared" ] || { echo "real-chairs.sh: held-out models also in training: $shared" >&2; exit 1; }
for d in $OUT/train/train $OUT/heldout-val/val $OUT/heldout/test; do
  echo "$d: $(find $d -mindepth 1 -maxdepth 1 -type d | wc -l) scenes, $(find $d -name '[0-9]*.png' | wc -l) images"
done
echo "on disk: $(du -sh $OUT | cut -f1) ($(du -sh --exclude=meshes $OUT | cut -f1) without the extracted meshes)"

rm -rf $PARTS && mkdir -p $PARTS
tar -C data --exclude=meshes -cf - real-chairs | split -b 50M -d - $PARTS/real-chairs.tar.part
ls -l $PARTS | tail -n +2
echo "packed: $(du -ch $PARTS/real-chairs.tar.part* | tail -1 | cut -f1) in $(ls $PARTS | wc -l) parts"
