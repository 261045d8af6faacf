"""Interop check between enr4j's .pt reader/writer and real PyTorch (2.6+, weights_only=True by default).

  python check_pt_interop.py load JAVA.pt   # torch.load a file written by PtInteropTool, check it, print checksums
  python check_pt_interop.py save OUT.pt    # torch.save a reference-style checkpoint for the Java side to read
  python check_pt_interop.py save-legacy OUT.pt   # same, in the pre-1.6 format (_use_new_zipfile_serialization=False)

Lines are "path dtype [shape] sha256=<hex of little-endian bytes>", as PtInteropTool prints them:
  java -cp target/classes:target/test-classes:$(cat target/classpath.txt) enr4j.torch.io.PtInteropTool dump F.pt
"""
import collections
import hashlib
import sys

import torch


def digest(t):
    return hashlib.sha256(t.detach().cpu().contiguous().reshape(-1).view(torch.uint8).numpy().tobytes()).hexdigest()


def dump(path, node):
    if isinstance(node, torch.Tensor):
        shape = "[" + ",".join(str(d) for d in node.shape) + "]"
        print(f"{path} {str(node.dtype).replace('torch.', '')} {shape} sha256={digest(node)}")
    elif isinstance(node, dict):
        for k, v in node.items():
            dump(f"{path}.{k}" if path else k, v)
    elif isinstance(node, (list, tuple)):
        for i, v in enumerate(node):
            dump(f"{path}.{i}", v)
    else:
        print(f"{path} = {node}")


def load(path):
    ckpt = torch.load(path)  # weights_only=True is the default since PyTorch 2.6
    assert type(ckpt) is dict and list(ckpt) == ["config", "state_dict"], type(ckpt)
    assert type(ckpt["config"]) is dict
    sd = ckpt["state_dict"]
    assert type(sd) is collections.OrderedDict, type(sd)
    assert all(isinstance(v, torch.Tensor) for v in sd.values())
    assert torch.equal(sd["conv.weight"].flatten(), torch.arange(108, dtype=torch.float32) * 0.5)
    assert sd["bf16"].dtype == torch.bfloat16 and sd["bf16"].float().flatten().tolist() == [1, 2, 3, 4]
    assert sd["num_batches_tracked"].item() == 42 and sd["scale"].dim() == 0
    # what the reference does with it: load_state_dict into a module holding these names
    module = torch.nn.Module()
    module.conv = torch.nn.Conv2d(3, 4, 3)
    module.load_state_dict({k: v for k, v in sd.items() if k.startswith("conv.")})
    dump("", ckpt)
    print("OK load", path)


def save(path, legacy=False):
    torch.manual_seed(0)
    conv = torch.nn.Conv2d(3, 4, 3)
    bn = torch.nn.BatchNorm2d(4)
    sd = collections.OrderedDict((f"conv.{k}", v) for k, v in conv.state_dict().items())
    sd.update((f"bn.{k}", v) for k, v in bn.state_dict().items())  # includes int64 scalar num_batches_tracked
    base = torch.arange(12, dtype=torch.float32).reshape(3, 4)
    sd["shared"] = base
    sd["shared_t"] = base.t()  # non-contiguous view sharing the storage of "shared"
    sd["slice"] = base[1:, ::2]  # storage offset 4, strides (4, 2)
    sd["bf16"] = torch.tensor([1.0, 2.0, 3.0], dtype=torch.bfloat16)
    sd._metadata = conv.state_dict()._metadata
    config = {"img_shape": [3, 32, 32], "lr": 2e-4, "name": "python", "use_bn": True}
    torch.save({"config": config, "state_dict": sd}, path, _use_new_zipfile_serialization=not legacy)
    dump("", {"config": config, "state_dict": sd})
    print("OK save", path)


if __name__ == "__main__":
    mode, target = sys.argv[1], sys.argv[2]
    if mode == "load":
        load(target)
    else:
        save(target, legacy=(mode == "save-legacy"))
