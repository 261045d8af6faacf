#!/usr/bin/env python3
"""Speed/memory benchmark of the reference PyTorch ENR, trained the way the
reference trains (Trainer._train_iteration: model(batch) -> L1 + 0.05*(1-SSIM)
-> Adam step -> .item() loss logging), on random data.

usage: python3 bench_reference.py [--batch 16] [--size 128] [--steps 30]
           [--warmup 10] [--amp bf16|none] [--cudnn-benchmark] [--no-tf32]
           [--batch-on-device] [--infer-calls 50] [--infer-warmup 10]

Prints `key: value` lines.
"""
import argparse
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "stubs"))
REFERENCE = os.environ.get("ENR_REFERENCE", os.path.join(HERE, "..", "..", "ref", "ml-enr"))
sys.path.insert(0, REFERENCE)

import torch  # noqa: E402
from models.neural_renderer import NeuralRenderer  # noqa: E402
from training.training import Trainer  # noqa: E402

MODEL_KEYS = ("img_shape", "channels_2d", "strides_2d", "channels_3d", "strides_3d",
              "num_channels_inv_projection", "num_channels_projection", "mode")
GIB = float(1 << 30)


def out(key, value):
    print("%s: %s" % (key, value), flush=True)


def tf32_state():
    try:
        return "cudnn.allow_tf32=%s matmul.allow_tf32=%s" % (
            torch.backends.cudnn.allow_tf32, torch.backends.cuda.matmul.allow_tf32)
    except Exception as exc:  # mixed-API guard in newer PyTorch
        return "unknown (%s)" % exc


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--size", type=int, default=128)
    p.add_argument("--steps", type=int, default=30)
    p.add_argument("--warmup", type=int, default=10)
    p.add_argument("--amp", choices=("bf16", "none"), default="none")
    p.add_argument("--cudnn-benchmark", action="store_true")
    p.add_argument("--no-tf32", action="store_true",
                   help="disable TF32 for cuDNN convs (PyTorch default: convs may use TF32)")
    p.add_argument("--batch-on-device", action="store_true",
                   help="keep the random batch on the GPU (default: on CPU, as the "
                        "reference's DataLoader delivers it; model(batch) copies it)")
    p.add_argument("--compile", choices=("none", "default", "reduce-overhead"), default="none",
                   help="torch.compile the model's forward and the inference function with this mode")
    p.add_argument("--fused-adam", action="store_true", help="Adam(fused=True) instead of the reference's Adam")
    p.add_argument("--infer-calls", type=int, default=50)
    p.add_argument("--infer-warmup", type=int, default=10)
    p.add_argument("--config", default=os.path.join(REFERENCE, "config.json"))
    args = p.parse_args()

    if not torch.cuda.is_available():
        print("CUDA is required")
        sys.exit(2)
    assert args.batch % 2 == 0, "batch must be even (pairs of views)"
    device = torch.device("cuda")
    torch.backends.cudnn.benchmark = bool(args.cudnn_benchmark)
    if args.no_tf32:
        torch.backends.cudnn.allow_tf32 = False
        torch.backends.cuda.matmul.allow_tf32 = False
    use_bf16 = args.amp == "bf16"

    with open(args.config) as f:
        config = json.load(f)
    model_cfg = {k: config[k] for k in MODEL_KEYS}
    model_cfg["img_shape"] = [config["img_shape"][0], args.size, args.size]

    torch.manual_seed(0)
    model = NeuralRenderer(**model_cfg).to(device)
    trainer = Trainer(device, model, lr=2e-4, rendering_loss_type='l1',
                      ssim_loss_weight=0.05)
    n_params = sum(p.numel() for p in model.parameters() if p.requires_grad)
    if args.fused_adam:
        trainer.optimizer = torch.optim.Adam(model.parameters(), lr=2e-4, fused=True)
    forward = model if args.compile == "none" else torch.compile(model, mode=args.compile)
    trainer.model = forward

    B, S = args.batch, args.size
    batch = {
        "img": torch.rand(B, 3, S, S),
        "render_params": {
            "azimuth": torch.rand(B) * 360. - 180.,
            "elevation": torch.rand(B) * 40.,
        },
    }
    if args.batch_on_device:
        batch = {"img": batch["img"].to(device),
                 "render_params": {k: v.to(device) for k, v in batch["render_params"].items()}}

    def train_iteration_bf16(b):
        # Same steps as Trainer._train_iteration/_optimizer_step, with the
        # forward pass under bf16 autocast. The loss is computed in fp32 on
        # rendered.float(): pytorch_msssim refuses inputs of different dtypes
        # (bf16 rendered vs fp32 imgs), and SSIM's variance terms are not
        # meaningful in bf16.
        with torch.autocast("cuda", dtype=torch.bfloat16):
            imgs, rendered, scenes, scenes_rotated = forward(b)
        rendered = rendered.float()
        trainer.optimizer.zero_grad()
        loss_regression = trainer.loss_func(rendered, imgs)
        loss_ssim = 1. - trainer.ssim_loss_func(rendered, imgs)
        loss_total = loss_regression + trainer.ssim_loss_weight * loss_ssim
        loss_total.backward()
        trainer.optimizer.step()
        if trainer.register_losses:
            trainer.loss_history["total"].append(loss_total.item())
            trainer.loss_history["regression"].append(loss_regression.item())
            trainer.loss_history["ssim"].append(loss_ssim.item())

    step = train_iteration_bf16 if use_bf16 else trainer._train_iteration

    out("gpu", torch.cuda.get_device_name(0))
    out("torch", torch.__version__)
    out("cuda", torch.version.cuda)
    out("cudnn", torch.backends.cudnn.version())
    out("amp", args.amp)
    out("compile", args.compile)
    out("fused_adam", bool(args.fused_adam))
    out("amp_loss_precision", "fp32" if use_bf16 else "n/a")
    out("cudnn_benchmark", torch.backends.cudnn.benchmark)
    out("tf32", tf32_state())
    out("batch", B)
    out("size", S)
    out("batch_on_device", bool(args.batch_on_device))
    out("params", n_params)
    out("scene_shape", tuple(model.scene_shape))

    # ---- training -------------------------------------------------------
    model.train()
    torch.cuda.reset_peak_memory_stats()
    for _ in range(args.warmup):
        step(batch)
    torch.cuda.synchronize()
    t0 = time.perf_counter()
    for _ in range(args.steps):
        step(batch)
    torch.cuda.synchronize()
    elapsed = time.perf_counter() - t0
    ms_per_iter = 1000. * elapsed / args.steps
    out("train_warmup_iters", args.warmup)
    out("train_timed_iters", args.steps)
    out("train_ms_per_iter", "%.3f" % ms_per_iter)
    out("train_images_per_s", "%.2f" % (B * args.steps / elapsed))
    out("train_peak_mem_gib", "%.3f" % (torch.cuda.max_memory_allocated() / GIB))
    out("train_peak_mem_note", "torch.cuda.max_memory_allocated over the whole training run incl. warm-up")
    out("train_peak_reserved_gib", "%.3f" % (torch.cuda.max_memory_reserved() / GIB))
    out("train_last_loss_total", "%.6f" % trainer.loss_history["total"][-1])

    # ---- inference: 1 image -> 16 novel views ----------------------------
    model.eval()
    n_views = 16
    img = torch.rand(1, 3, S, S, device=device)
    az0 = torch.full((n_views,), 30., device=device)
    el0 = torch.full((n_views,), 15., device=device)
    az16 = torch.linspace(-180., 180. - 360. / n_views, n_views, device=device)
    el16 = torch.full((n_views,), 15., device=device)

    def infer():
        with torch.no_grad(), torch.autocast("cuda", dtype=torch.bfloat16, enabled=use_bf16):
            scene = model.inverse_render(img)
            scenes = scene.repeat(n_views, 1, 1, 1, 1)
            rotated = model.rotate_source_to_target(scenes, az0, el0, az16, el16)
            return model.render(rotated)

    if args.compile != "none":
        infer = torch.compile(infer, mode=args.compile)
    torch.cuda.synchronize()
    torch.cuda.reset_peak_memory_stats()
    for _ in range(args.infer_warmup):
        infer()
    torch.cuda.synchronize()
    t0 = time.perf_counter()
    for _ in range(args.infer_calls):
        views = infer()
    torch.cuda.synchronize()
    elapsed = time.perf_counter() - t0
    out("infer_views_per_call", n_views)
    out("infer_timed_calls", args.infer_calls)
    out("infer_ms_per_call", "%.3f" % (1000. * elapsed / args.infer_calls))
    out("infer_views_per_s", "%.2f" % (n_views * args.infer_calls / elapsed))
    out("infer_peak_mem_gib", "%.3f" % (torch.cuda.max_memory_allocated() / GIB))
    out("infer_peak_mem_note", "peak reset before inference warm-up; includes resident weights + Adam state")
    out("infer_output_shape", tuple(views.shape))


if __name__ == "__main__":
    main()
