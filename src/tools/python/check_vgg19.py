"""Compares enr4j's VGG19 features with torchvision's on the same weights (run on a host with torch + torchvision).

Usage:
  python3 check_vgg19.py make VGG19.pth            # a randomly initialised torchvision vgg19 state dict
  python3 check_vgg19.py compare VGG19.pth DUMP.safetensors
where DUMP comes from `enr4j.tools.Vgg19Dump VGG19.pth DUMP.safetensors`.
"""
import sys

import torch
import torchvision
from safetensors.torch import load_file


def main():
    if sys.argv[1] == "make":
        torch.manual_seed(0)
        torch.save(torchvision.models.vgg19().state_dict(), sys.argv[2])
        return
    model = torchvision.models.vgg19()
    model.load_state_dict(torch.load(sys.argv[2]))
    features = model.features.eval()
    dump = load_file(sys.argv[3])
    mean = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
    std = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)
    x = (dump["images"] - mean) / std
    worst = 0.0
    with torch.no_grad():
        for i, layer in enumerate(features):
            x = layer(x)
            key = "features_%d" % i
            if key in dump:
                diff = (x - dump[key]).abs().max().item()
                scale = x.abs().max().item()
                print("%s: max abs diff %.3e (max abs value %.3e)" % (key, diff, scale))
                worst = max(worst, diff / max(scale, 1e-12))
            if i >= 12:
                break
    print("VGG19 OK" if worst < 1e-4 else "VGG19 FAIL")


if __name__ == "__main__":
    main()
