#!/usr/bin/env bash
# The fused GroupNorm kernels against libtorch on this GPU: every GroupNorm shape of the reference model plus odd
# ones, fp32 and bf16, both layouts, output and all gradients (enr4j.model.GroupNormKernelCheck, the body of
# FusedGroupNormGpuTest); then the fused volume resampler against affine_grid + grid_sample
# (enr4j.geometry.ResampleKernelCheck, the body of FusedResampleGpuTest); then the channels-last bias add against
# float64 (enr4j.model.ChannelBiasKernelCheck, the body of ChannelBiasGpuTest). Needs target/test-classes (mvn -q -o compile test-compile) and the cuda class and JNI
# jars in .gpu/jars (docs/GPU.md). Writes $OUT/kernels/group_norm.md, resample.md and channel_bias.md (keep them under
# docs/results) and the compiled kernel cache; exits 1 when a check fails.
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/gpu/env.sh
mkdir -p "$OUT/kernels"
"$J" -XX:ErrorFile=/tmp/enr-crash-%p.log -Denr4j.kernelCache="$OUT/kernels/cache" \
  -cp "target/classes:target/test-classes:$CP" enr4j.model.GroupNormKernelCheck "$OUT/kernels/group_norm.md" \
  2> >(grep -v '^WARNING' | tee "$OUT/kernels/stderr.txt" >&2)
rc=$?
"$J" -XX:ErrorFile=/tmp/enr-crash-%p.log -Denr4j.kernelCache="$OUT/kernels/cache" \
  -cp "target/classes:target/test-classes:$CP" enr4j.geometry.ResampleKernelCheck "$OUT/kernels/resample.md" \
  2> >(grep -v '^WARNING' | tee -a "$OUT/kernels/stderr.txt" >&2)
rc2=$?
[ $rc -ne 0 ] || rc=$rc2
"$J" -XX:ErrorFile=/tmp/enr-crash-%p.log -Denr4j.kernelCache="$OUT/kernels/cache" \
  -cp "target/classes:target/test-classes:$CP" enr4j.model.ChannelBiasKernelCheck "$OUT/kernels/channel_bias.md" \
  2> >(grep -v '^WARNING' | tee -a "$OUT/kernels/stderr.txt" >&2)
rc3=$?
[ $rc -ne 0 ] || rc=$rc3
report=$(ls -t /tmp/enr-crash-*.log 2>/dev/null | head -1)
if [ $rc -ge 128 ] && [ -n "$report" ]; then
  grep -E "^(# Problematic frame|C  \[|J [0-9]|j  )" "$report" | head -30 >&2
  cp "$report" "$OUT/kernels/"
fi
cat "$OUT/kernels/group_norm.md" "$OUT/kernels/resample.md" "$OUT/kernels/channel_bias.md" 2>/dev/null | head -170
exit $rc
