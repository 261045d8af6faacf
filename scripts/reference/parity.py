#!/usr/bin/env python3
"""Parity check: reference PyTorch ENR vs enr4j outputs.

usage: python3 parity.py MODEL.pt DUMP.safetensors

MODEL.pt is loaded with the reference's models.neural_renderer.load_model (so it
also checks that a Java-written .pt is accepted by torch.load). DUMP holds the
inputs (images, azimuth/elevation source/target) and the Java outputs
(java_scenes, java_rotated, java_rendered). Always exits 0 once the comparison
ran; the verdict is the last line: PARITY OK / PARITY FAIL.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "stubs"))
REFERENCE = os.environ.get("ENR_REFERENCE", os.path.join(HERE, "..", "..", "ref", "ml-enr"))
sys.path.insert(0, REFERENCE)

import torch  # noqa: E402
from safetensors.torch import load_file  # noqa: E402
from models.neural_renderer import load_model  # noqa: E402

TOLERANCE = 1e-4


def strict_fp32():
    # Legacy flags only (do not mix with the new fp32_precision API: newer
    # PyTorch raises on mixed usage). Fall back to the new API if needed.
    try:
        torch.backends.cudnn.allow_tf32 = False
        torch.backends.cuda.matmul.allow_tf32 = False
    except Exception as exc:  # pragma: no cover
        print("note: legacy TF32 flags failed (%s); using fp32_precision API" % exc)
        torch.backends.cudnn.conv.fp32_precision = "ieee"
        torch.backends.cuda.matmul.fp32_precision = "ieee"


def compare(name, ref, java):
    if tuple(ref.shape) != tuple(java.shape):
        print("%-28s SHAPE MISMATCH ref=%s java=%s" % (name, tuple(ref.shape), tuple(java.shape)))
        return float("inf")
    ref64 = ref.detach().double()
    java64 = java.detach().to(ref.device).double()
    diff = (ref64 - java64).abs()
    max_diff = diff.max().item()
    mean_diff = diff.mean().item()
    scale = ref64.abs().max().item()
    rel = max_diff / scale if scale > 0 else float("nan")
    print("%-28s %14.6e %14.6e %14.6e %12.3e  %s" % (name, max_diff, mean_diff, scale, rel,
                                                     "ok" if max_diff < TOLERANCE else "FAIL"))
    return max_diff


DUMP_KEYS = ("images", "azimuth_source", "elevation_source", "azimuth_target", "elevation_target",
             "java_scenes", "java_rotated", "java_rendered")


def compare_with_dump(model, dump_path, device):
    """Runs the reference model on the dump's inputs and prints how far enr4j's outputs are; returns the max abs
    differences (scenes, rotated, rendered, rendered from enr4j's rotated scenes). Exits 2 on an incomplete dump."""
    t = load_file(dump_path)
    for key in DUMP_KEYS:
        if key not in t:
            print("missing tensor in dump: %s (has: %s)" % (key, sorted(t.keys())))
            sys.exit(2)
    f32 = lambda k: t[k].to(device=device, dtype=torch.float32)  # noqa: E731
    images = f32("images")
    az_s, el_s = f32("azimuth_source"), f32("elevation_source")
    az_t, el_t = f32("azimuth_target"), f32("elevation_target")
    java_scenes, java_rotated, java_rendered = f32("java_scenes"), f32("java_rotated"), f32("java_rendered")

    print("device: %s" % (torch.cuda.get_device_name(0) if device.type == "cuda" else "cpu"))
    print("torch: %s" % torch.__version__)
    print("dump: %s" % dump_path)
    print("images: %s  scenes(java): %s" % (tuple(images.shape), tuple(java_scenes.shape)))
    print("tolerance (max abs): %g" % TOLERANCE)

    with torch.no_grad():
        scenes = model.inverse_render(images)
        rotated = model.rotate_source_to_target(scenes, az_s, el_s, az_t, el_t)
        rendered = model.render(rotated)
        rendered_from_java_rotated = model.render(java_rotated)

    print()
    print("%-28s %14s %14s %14s %12s" % ("output", "max_abs_diff", "mean_abs_diff", "ref_max_abs", "max/ref_max"))
    print("-" * 90)
    return [
        compare("scenes", scenes, java_scenes),
        compare("rotated", rotated, java_rotated),
        compare("rendered", rendered, java_rendered),
        compare("rendered_from_java_rotated", rendered_from_java_rotated, java_rendered),
    ]


def load_reference_model(model_path, device):
    strict_fp32()
    print("model: %s" % model_path)
    model = load_model(model_path).to(device)
    model.eval()
    return model


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    model_path, dump_path = sys.argv[1], sys.argv[2]
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    results = compare_with_dump(load_reference_model(model_path, device), dump_path, device)
    print()
    print("PARITY OK" if all(r < TOLERANCE for r in results) else "PARITY FAIL")
    sys.exit(0)


if __name__ == "__main__":
    main()
