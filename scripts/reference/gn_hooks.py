#!/usr/bin/env python3
"""Prototype of a GroupNorm that Java could build from libtorch ops and tensor hooks, tried on the reference model in
pure bf16 before writing it in Java (measured, not adopted: docs/BENCHMARKS.md, "Why not 3x").

The forward pass computes per-(sample, channel) sums with libtorch's reductions (fp32 accumulation), combines
them per group and normalises with one addcmul whose scale and shift are detached; the missing part of the
gradient is added by two tensor hooks, exactly as the Java side can do with `Tensor.register_hook`:
  - a hook on the output y receives dL/dy and computes per-(n, c) sums of dy and dy * x, the parameter
    gradients and the per-group coefficients B, C;
  - a hook on the input x adds B * x + C to x's gradient (addcmul's backward already gave dy * scale).
Usage: python3 gn_hooks.py [check] [variant ...]: `check` compares gradients with nn.GroupNorm in float64; variants
(native, hooks, hooks_cl, ...) are timed and profiled by profile_groupnorm.py.
"""
import os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "stubs"))
REFERENCE = os.environ.get("ENR_REFERENCE", os.path.join(HERE, "..", "..", "ref", "ml-enr"))
sys.path.insert(0, REFERENCE)
import torch
import torch.nn as nn
import torch.nn.functional as F

dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class HookGroupNorm(nn.Module):
    def __init__(self, gn):
        super().__init__()
        self.g, self.eps, self.weight, self.bias = gn.num_groups, gn.eps, gn.weight, gn.bias

    def forward(self, x):
        n, c = x.shape[:2]
        g, cg = self.g, c // self.g
        dims = tuple(range(2, x.dim()))
        s = 1
        for d in dims:
            s *= x.shape[d]
        m = cg * s
        acc = torch.float32 if x.dtype in (torch.bfloat16, torch.float16) else x.dtype
        with torch.no_grad():
            s1 = x.sum(dims, dtype=acc).view(n, g, cg).sum(2)
            s2 = torch.linalg.vector_norm(x, 2, dim=dims, dtype=acc).square().view(n, g, cg).sum(2)
            mean = s1 / m
            var = (s2 / m - mean * mean).clamp_(min=0)
            rstd = torch.rsqrt(var + self.eps)                                   # n x g
            w = self.weight.to(acc).view(1, g, cg)
            scale = (rstd.view(n, g, 1) * w).view(n, c)                          # n x c
            shift = self.bias.to(acc).view(1, c) - (mean.view(n, g, 1) * scale.view(n, g, cg)).view(n, c)
            shape = (n, c) + (1,) * len(dims)
            scale_t = scale.to(x.dtype).view(shape)
            shift_t = shift.to(x.dtype).view(shape)
        y = torch.addcmul(shift_t, x, scale_t)
        if not torch.is_grad_enabled() or not x.requires_grad:
            return y
        state = {}
        weight, bias = self.weight, self.bias

        def on_y(dy):
            with torch.no_grad():
                sdy = dy.sum(dims, dtype=acc)                          # n x c
                sdyx = (dy * x).sum(dims, dtype=acc)                   # n x c
                mean_c = mean.view(n, g, 1).expand(n, g, cg).reshape(n, c)
                rstd_c = rstd.view(n, g, 1).expand(n, g, cg).reshape(n, c)
                gw = (sdyx - mean_c * sdy) * rstd_c
                gb = sdy.sum(0)
                gw = gw.sum(0)
                weight.grad = gw.to(weight.dtype) if weight.grad is None else weight.grad + gw.to(weight.dtype)
                bias.grad = gb.to(bias.dtype) if bias.grad is None else bias.grad + gb.to(bias.dtype)
                wv = weight.to(acc).view(1, g, cg)
                ds = (sdyx.view(n, g, cg) * wv).sum(2)
                db = (sdy.view(n, g, cg) * wv).sum(2)
                b = (db * mean - ds) * rstd * rstd * rstd / m
                cc = -b * mean - db * rstd / m
                state["b"] = b.view(n, g, 1).expand(n, g, cg).reshape(shape).to(x.dtype)
                state["c"] = cc.view(n, g, 1).expand(n, g, cg).reshape(shape).to(x.dtype)

        def on_x(gx):
            with torch.no_grad():
                out = torch.addcmul(gx, x, state.pop("b"))
                out.add_(state.pop("c"))
                return out

        y.register_hook(on_y)
        x.register_hook(on_x)
        return y


def check():
    """Gradients of HookGroupNorm against nn.GroupNorm in fp32, 2D and 3D, with a residual use of x."""
    torch.manual_seed(1)
    for shape, groups in (((3, 16, 5, 7), 4), ((2, 8, 4, 3, 5), 2)):
        gn = nn.GroupNorm(groups, shape[1]).to(dev).double()
        with torch.no_grad():
            gn.weight.uniform_(0.5, 1.5); gn.bias.uniform_(-0.5, 0.5)
        hook = HookGroupNorm(gn)
        x0 = (torch.randn(shape, device=dev, dtype=torch.float64) * 3 + 1)
        t = torch.randn(shape, device=dev, dtype=torch.float64)
        res = []
        for mod in (gn, hook):
            gn.weight.grad = None; gn.bias.grad = None
            x = x0.clone().requires_grad_(True)
            h = x * 2                                  # x used twice: GroupNorm and a skip connection
            y = F.leaky_relu(mod(h), 0.2, inplace=True) + h
            (y * t).sum().backward()
            res.append((y.detach(), x.grad, gn.weight.grad.clone(), gn.bias.grad.clone()))
        for name, a, b in zip(("y", "dx", "dweight", "dbias"), res[0], res[1]):
            print("check %s %-8s max abs diff %.3g" % (shape, name, (a - b).abs().max().item()), flush=True)


if __name__ == "__main__":
    print(torch.cuda.get_device_name(0) if torch.cuda.is_available() else "cpu", torch.__version__, flush=True)
    args = sys.argv[1:]
    if "check" in args:
        check()
        args = [a for a in args if a != "check"]
    if args:
        import profile_groupnorm  # the timing and profiling harness; its variant "hooks" is HookGroupNorm
        for v in args:
            profile_groupnorm.run(v)
