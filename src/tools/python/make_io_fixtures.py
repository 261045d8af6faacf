"""Builds the hand-made checkpoint fixtures of enr4j.torch.io tests with plain Python (no torch needed).

Stand-in `torch` modules make Python's own pickler emit exactly the opcodes torch.save would (GLOBAL
torch._utils._rebuild_tensor_v2, torch.FloatStorage persistent ids, OrderedDict with _metadata via BUILD).
Run: python3 src/tools/python/make_io_fixtures.py src/test/resources/enr4j/torch/io
"""
import collections
import io
import pickle
import struct
import sys
import types
import zipfile

torch = types.ModuleType("torch")
torch_utils = types.ModuleType("torch._utils")
sys.modules["torch"], sys.modules["torch._utils"] = torch, torch_utils


def _rebuild_tensor_v2(*args):
    raise RuntimeError("stand-in only")


_rebuild_tensor_v2.__module__ = "torch._utils"
torch_utils._rebuild_tensor_v2 = _rebuild_tensor_v2


class FloatStorage:
    pass


class LongStorage:
    pass


for cls in (FloatStorage, LongStorage):
    cls.__module__ = "torch"
    setattr(torch, cls.__name__, cls)


class Storage:
    def __init__(self, key, cls, values, fmt, view=None):
        self.key, self.cls, self.values, self.fmt, self.view = key, cls, values, fmt, view

    def raw(self):
        return struct.pack("<%d%s" % (len(self.values), self.fmt), *self.values)


class Tensor:
    def __init__(self, storage, offset, size, stride):
        self.storage, self.offset, self.size, self.stride = storage, offset, size, stride

    def __reduce_ex__(self, protocol):
        return (_rebuild_tensor_v2,
                (self.storage, self.offset, self.size, self.stride, False, collections.OrderedDict()))


def tree(storages):
    a = storages["0"]  # 12 floats 0..11 shared by three tensors
    state = collections.OrderedDict()
    state["weight"] = Tensor(a, 0, (3, 4), (4, 1))
    state["weight_t"] = Tensor(a, 0, (4, 3), (1, 4))          # transposed view of the same storage
    state["row_slice"] = Tensor(a, 5, (2, 2), (4, 2))         # offset 5, stride 2 in the last dim
    state["steps"] = Tensor(storages["1"], 0, (), ())         # int64 scalar
    state._metadata = collections.OrderedDict([("", {"version": 1})])
    config = {"img_shape": [3, 64, 64], "lr": 2e-4, "name": "chairs", "use_bn": True, "none": None,
              "big": 2 ** 40, "neg": -7}
    return {"config": config, "state_dict": state}


def storages():
    return {"0": Storage("0", FloatStorage, [float(i) for i in range(12)], "f"),
            "1": Storage("1", LongStorage, [123456789012], "q")}


class ZipPickler(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, Storage):
            return ("storage", obj.cls, obj.key, "cpu", len(obj.values))
        return None


class LegacyPickler(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, Storage):
            return ("storage", obj.cls, obj.key, "cpu", len(obj.values), None)
        return None


def write_zip(path):
    st = storages()
    buf = io.BytesIO()
    ZipPickler(buf, protocol=2).dump(tree(st))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("mymodel/data.pkl", buf.getvalue())
        z.writestr("mymodel/byteorder", "little")
        for key, s in st.items():
            z.writestr("mymodel/data/" + key, s.raw())
        z.writestr("mymodel/version", "3\n")


def write_legacy(path):
    st = storages()
    with open(path, "wb") as f:
        pickle.dump(0x1950A86A20F9469CFC6C, f, protocol=2)
        pickle.dump(1001, f, protocol=2)
        pickle.dump({"protocol_version": 1001, "little_endian": True,
                     "type_sizes": {"short": 2, "int": 4, "long": 4}}, f, protocol=2)
        LegacyPickler(f, protocol=2).dump(tree(st))
        keys = sorted(st)
        pickle.dump(keys, f, protocol=2)
        for key in keys:
            f.write(struct.pack("<q", len(st[key].values)))
            f.write(st[key].raw())


if __name__ == "__main__":
    out = sys.argv[1]
    write_zip(out + "/python_pickled.pt")
    write_legacy(out + "/legacy_format.pt")
