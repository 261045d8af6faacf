#!/usr/bin/env python3
"""Conversion check: a .pt written by `enr convert` in the reference's PyTorch code.

usage: python3 convert_parity.py MODEL_FOLDER CONVERTED.pt DUMP.safetensors

MODEL_FOLDER is an enr4j model folder (config.json, model.safetensors); CONVERTED.pt was
converted from it (directly or through other formats); DUMP is enr4j.tools.ParityDump's
output for the same weights. Checks that
  1. the reference's models.neural_renderer.load_model loads CONVERTED.pt;
  2. its config equals config.json, its state_dict equals model.safetensors bit for bit
     (same names, dtypes, shapes, bytes), and its "metadata" dict equals the safetensors
     __metadata__;
  3. the reference model renders what enr4j rendered (parity.py's comparison, max abs
     difference below its tolerance, strict fp32).
Always exits 0 once the checks ran; the verdict is the last line: CONVERT OK / CONVERT FAIL.
"""
import hashlib
import json
import os
import sys

import parity  # noqa: E402  (sets up the reference's import path)
import torch  # noqa: E402
from safetensors import safe_open  # noqa: E402
from safetensors.torch import load_file  # noqa: E402


def same_bits(a, b):
    flat = lambda t: t.contiguous().reshape(-1).view(torch.uint8)  # noqa: E731
    return a.dtype == b.dtype and a.shape == b.shape and torch.equal(flat(a), flat(b))


def check(ok, what):
    print("%-60s %s" % (what, "ok" if ok else "FAIL"))
    return ok


def main():
    if len(sys.argv) != 4:
        print(__doc__)
        sys.exit(2)
    folder, converted, dump = sys.argv[1:]
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = parity.load_reference_model(converted, device)

    weights_path = os.path.join(folder, "model.safetensors")
    saved = load_file(weights_path)
    with safe_open(weights_path, framework="pt") as f:
        saved_metadata = f.metadata() or {}
    with open(os.path.join(folder, "config.json")) as f:
        saved_config = json.load(f)
    checkpoint = torch.load(converted, map_location="cpu", weights_only=True)
    state_dict = checkpoint["state_dict"]

    print()
    results = [
        check(json.loads(json.dumps(checkpoint["config"])) == saved_config, "config equals config.json"),
        check(set(state_dict) == set(saved), "state_dict names equal the safetensors'"),
        check(checkpoint.get("metadata") == saved_metadata, "metadata equals the safetensors __metadata__"),
        # compact JSON as Java writes it (equal to Python's for integer-only configs)
        check(hashlib.sha256(json.dumps(saved_config, separators=(",", ":")).encode()).hexdigest()
              == saved_metadata.get("config_sha256"), "config_sha256 is the SHA-256 of the compact config"),
    ]
    bad = [k for k, t in saved.items() if k not in state_dict or not same_bits(state_dict[k], t)]
    results.append(check(not bad, "all %d tensors bit for bit%s" % (len(saved), " (differ: %s)" % bad[:5] if bad else "")))
    loaded = model.state_dict()
    results.append(check(list(state_dict) == list(loaded), "state_dict order is the reference model's"))
    results.append(check(all(same_bits(loaded[k].cpu(), t) for k, t in saved.items()),
                         "load_model's weights equal model.safetensors"))
    print("metadata: %s" % saved_metadata)
    print()
    diffs = parity.compare_with_dump(model, dump, device)
    renders_ok = all(d < parity.TOLERANCE for d in diffs)
    print()
    print("CONVERT OK" if all(results) and renders_ok else "CONVERT FAIL")
    sys.exit(0)


if __name__ == "__main__":
    main()
