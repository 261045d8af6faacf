#!/usr/bin/env python3
"""Speed prototype: where does a pure-bf16 ENR step spend GPU time, and what do GroupNorm
formulations / layouts change?  usage: python3 proto.py [variant ...]
variants: native, native_cl, vm, vm_cl, bn, vmf, hooks (gn_hooks.py)
"""
import os, sys, time, json
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "stubs"))
REFERENCE = os.environ.get("ENR_REFERENCE", os.path.join(HERE, "..", "..", "ref", "ml-enr"))
sys.path.insert(0, REFERENCE)
import torch
import torch.nn as nn
import torch.nn.functional as F
from models.neural_renderer import NeuralRenderer
from pytorch_msssim import SSIM

torch.backends.cudnn.benchmark = True
_gs = F.grid_sample
def _grid_sample(inp, grid, *a, **k):
    return _gs(inp, grid.to(inp.dtype), *a, **k)
torch.nn.functional.grid_sample = _grid_sample
dev = torch.device("cuda")


class GNvm(nn.Module):
    """GroupNorm from var_mean stats + one fused scale/shift (autograd backward)."""
    def __init__(self, gn, cl, f32):
        super().__init__()
        self.g, self.weight, self.bias, self.cl, self.f32 = gn.num_groups, gn.weight, gn.bias, cl, f32

    def forward(self, x):
        n, c = x.shape[:2]
        g = self.g
        if self.cl:
            xs = x.permute(0, *range(2, x.dim()), 1).reshape(n, -1, g, c // g)
            dims = (1, 3)
        else:
            xs = x.reshape(n, g, -1)
            dims = (2,)
        if self.f32:
            xs = xs.float()
        var, mean = torch.var_mean(xs, dim=dims, unbiased=False)  # n x g
        rstd = torch.rsqrt(var + 1e-5)
        w = self.weight.float().view(1, g, c // g)
        scale = (rstd.view(n, g, 1) * w).reshape(n, c)
        shift = self.bias.float().view(1, c) - (mean.view(n, g, 1) * scale.view(n, g, c // g)).reshape(n, c)
        shape = (n, c) + (1,) * (x.dim() - 2)
        return torch.addcmul(shift.to(x.dtype).view(shape), x, scale.to(x.dtype).view(shape))


class GNbn(nn.Module):
    """GroupNorm as batch_norm over (1, N*G, rest) + affine."""
    def __init__(self, gn, cudnn=False):
        super().__init__()
        self.g, self.weight, self.bias, self.cudnn = gn.num_groups, gn.weight, gn.bias, cudnn

    def forward(self, x):
        n, c = x.shape[:2]
        if self.cudnn:
            ones = torch.ones(n * self.g, device=x.device)
            zeros = torch.zeros(n * self.g, device=x.device)
            y = F.batch_norm(x.reshape(1, n * self.g, -1, 1), None, None, ones, zeros, training=True, eps=1e-5).view_as(x)
        else:
            y = F.batch_norm(x.reshape(1, n * self.g, -1), None, None, training=True, eps=1e-5).view_as(x)
        shape = (1, c) + (1,) * (x.dim() - 2)
        return torch.addcmul(self.bias.view(shape), y, self.weight.view(shape))


def swap_gn(m, kind, cl):
    for name, child in m.named_children():
        if isinstance(child, nn.GroupNorm):
            if kind == "vm":
                setattr(m, name, GNvm(child, cl, False))
            elif kind == "vmf":
                setattr(m, name, GNvm(child, cl, True))
            elif kind == "bn":
                setattr(m, name, GNbn(child))
            elif kind == "bnc":
                setattr(m, name, GNbn(child, True))
            elif kind == "hooks":
                from gn_hooks import HookGroupNorm  # statistics by reductions, gradient completed by tensor hooks
                setattr(m, name, HookGroupNorm(child))
        else:
            swap_gn(child, kind, cl)


def build(variant):
    cfg = json.load(open(os.path.join(REFERENCE, "config.json")))
    keys = ("img_shape", "channels_2d", "strides_2d", "channels_3d", "strides_3d",
            "num_channels_inv_projection", "num_channels_projection", "mode")
    torch.manual_seed(0)
    model = NeuralRenderer(**{k: cfg[k] for k in keys})
    cl = variant.endswith("_cl")
    kind = variant.replace("_cl", "")
    if kind != "native":
        swap_gn(model, kind, cl)
    model = model.to(dev).to(torch.bfloat16)
    if cl:
        for mod in model.modules():
            if isinstance(mod, (nn.Conv3d, nn.ConvTranspose3d)):
                mod.weight.data = mod.weight.data.contiguous(memory_format=torch.channels_last_3d)
            if isinstance(mod, (nn.Conv2d, nn.ConvTranspose2d)):
                mod.weight.data = mod.weight.data.contiguous(memory_format=torch.channels_last)
    return model, cl


def run(variant, steps=20, warm=8, profile=True):
    model, cl = build(variant)
    ssim = SSIM(data_range=1.0, size_average=True, channel=3)
    B = 16
    imgs = torch.rand(B, 3, 128, 128, device=dev)
    az = torch.rand(B, device=dev) * 360 - 180
    el = torch.rand(B, device=dev) * 40
    opt = torch.optim.Adam(model.parameters(), lr=2e-4, fused=True)

    def step():
        x = imgs.to(torch.bfloat16)
        if cl:
            x = x.contiguous(memory_format=torch.channels_last)
        batch = {"img": x, "render_params": {"azimuth": az, "elevation": el}}
        _, rendered, _, _ = model(batch)
        r = rendered.float()
        loss = (r - imgs).abs().mean() + 0.05 * (1 - ssim(r, imgs))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        return loss

    torch.cuda.reset_peak_memory_stats()
    for _ in range(warm):
        step()
    torch.cuda.synchronize()
    t0 = time.perf_counter()
    for _ in range(steps):
        step()
    torch.cuda.synchronize()
    ms = 1000 * (time.perf_counter() - t0) / steps
    peak = torch.cuda.max_memory_allocated() / 2**30
    # inference
    model.eval()
    img = imgs[:1].to(torch.bfloat16)
    if cl:
        img = img.contiguous(memory_format=torch.channels_last)
    a0 = torch.full((16,), 30., device=dev); e0 = torch.full((16,), 15., device=dev)
    a1 = torch.linspace(-180, 157.5, 16, device=dev)

    def infer():
        with torch.no_grad():
            s = model.inverse_render(img)
            s = s.expand(16, -1, -1, -1, -1)
            r = model.rotate_source_to_target(s, a0, e0, a1, e0)
            return model.render(r)
    for _ in range(5):
        infer()
    torch.cuda.synchronize()
    t0 = time.perf_counter()
    for _ in range(30):
        infer()
    torch.cuda.synchronize()
    ims = 1000 * (time.perf_counter() - t0) / 30
    if profile:
        from torch.profiler import profile as prof, ProfilerActivity
        with prof(activities=[ProfilerActivity.CUDA]) as p:
            for _ in range(3):
                infer()
            torch.cuda.synchronize()
        rows = [(e.self_device_time_total / 3000.0, e.count // 3, e.key[:100]) for e in p.key_averages()
                if e.device_type.name == "CUDA"]
        print("  infer busy %.2f ms, %d kernels" % (sum(r[0] for r in rows), sum(r[1] for r in rows)))
        for t, c, name in sorted(rows, reverse=True)[:8]:
            print("   %7.3f ms %4d  %s" % (t, c, name))
    model.train()
    print("RESULT %-10s train %.2f ms/it (%.0f img/s) peak %.2f GiB | infer %.2f ms" %
          (variant, ms, B * 1000 / ms, peak, ims), flush=True)
    if profile:
        from torch.profiler import profile as prof, ProfilerActivity
        with prof(activities=[ProfilerActivity.CUDA]) as p:
            for _ in range(3):
                step()
            torch.cuda.synchronize()
        cats = {}
        total = 0
        n = 0
        rows = []
        for e in p.key_averages():
            if e.device_type.name != "CUDA":
                continue
            t = e.self_device_time_total / 3 / 1000.0
            name = e.key
            low = name.lower()
            if any(k in low for k in ("conv", "gemm", "sm90", "sm80", "cudnn", "cutlass", "xmma", "implicit", "wgrad", "dgrad", "fprop", "nhwc", "nchw")):
                c = "conv"
            elif "groupnorm" in low or "group_norm" in low or "moments" in low or "batch_norm" in low or "bn_" in low or "welford" in low:
                c = "norm"
            elif "reduce" in low:
                c = "reduce"
            elif "grid_sampler" in low:
                c = "grid"
            elif "adam" in low or "multi_tensor" in low:
                c = "adam"
            elif "elementwise" in low or "vectorized" in low or "leaky" in low:
                c = "elementwise"
            else:
                c = "other"
            cats[c] = cats.get(c, 0) + t
            total += t
            n += e.count / 3
            rows.append((t, e.count // 3, name[:110]))
        print("  busy %.2f ms/step, %d kernels/step; " % (total, n) +
              ", ".join("%s %.2f" % kv for kv in sorted(cats.items(), key=lambda kv: -kv[1])), flush=True)
        for t, c, name in sorted(rows, reverse=True)[:14]:
            print("   %7.3f ms %4d  %s" % (t, c, name))
    del model, opt
    torch.cuda.empty_cache()


if __name__ == "__main__":
    print(torch.cuda.get_device_name(0), torch.__version__, flush=True)
    for v in sys.argv[1:] or ["native", "native_cl", "vm", "vm_cl", "vmf", "bn"]:
        try:
            run(v)
        except Exception as ex:
            print("RESULT %s failed: %s" % (v, str(ex).splitlines()[0]), flush=True)
