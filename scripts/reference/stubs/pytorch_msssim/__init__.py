"""Minimal stand-in for the `pytorch_msssim` package (only `SSIM` / `ssim`).

Numerically follows pytorch_msssim 0.2.x / 1.0 for 4-D inputs (N, C, H, W):
separable 1-D Gaussian window (default 11 taps, sigma 1.5), valid (no) padding,
depthwise conv (groups=C), K = (0.01, 0.03), per-channel spatial mean, then a
mean over everything (size_average=True) or over channels per image.
Written independently for the enr4j parity/benchmark harness.
"""
import warnings

import torch
import torch.nn as nn
import torch.nn.functional as F

__all__ = ["SSIM", "ssim", "gaussian_window_1d"]


def gaussian_window_1d(size=11, sigma=1.5):
    """Normalised 1-D Gaussian, shape (1, 1, size)."""
    offsets = torch.arange(size, dtype=torch.float32) - (size // 2)
    weights = torch.exp(-(offsets ** 2) / (2.0 * sigma ** 2))
    weights = weights / weights.sum()
    return weights.view(1, 1, size)


def _blur(x, window):
    """Depthwise separable blur, valid padding.

    window: (C, 1, 1, K). Filters the last dim (W) first, then H; a spatial
    dim shorter than K is left unfiltered (with a warning), as upstream does.
    """
    channels = x.shape[1]
    taps = window.shape[-1]
    out = x
    if out.shape[-1] >= taps:  # along width
        out = F.conv2d(out, window, stride=1, padding=0, groups=channels)
    else:
        warnings.warn("SSIM: width %d smaller than window %d, skipping that axis"
                      % (out.shape[-1], taps))
    if out.shape[-2] >= taps:  # along height
        out = F.conv2d(out, window.transpose(2, 3), stride=1, padding=0,
                       groups=channels)
    else:
        warnings.warn("SSIM: height %d smaller than window %d, skipping that axis"
                      % (out.shape[-2], taps))
    return out


def _ssim_per_channel(X, Y, data_range, window, K=(0.01, 0.03)):
    c1 = (K[0] * data_range) ** 2
    c2 = (K[1] * data_range) ** 2
    window = window.to(device=X.device, dtype=X.dtype)

    mu_x = _blur(X, window)
    mu_y = _blur(Y, window)
    mu_x2 = mu_x.pow(2)
    mu_y2 = mu_y.pow(2)
    mu_xy = mu_x * mu_y

    var_x = _blur(X * X, window) - mu_x2
    var_y = _blur(Y * Y, window) - mu_y2
    cov_xy = _blur(X * Y, window) - mu_xy

    contrast_structure = (2 * cov_xy + c2) / (var_x + var_y + c2)
    luminance = (2 * mu_xy + c1) / (mu_x2 + mu_y2 + c1)
    ssim_map = luminance * contrast_structure
    # (N, C): mean over all spatial positions of each channel
    return torch.flatten(ssim_map, 2).mean(-1)


def ssim(X, Y, data_range=255, size_average=True, win_size=11, win_sigma=1.5,
         win=None, K=(0.01, 0.03), nonnegative_ssim=False):
    if X.shape != Y.shape:
        raise ValueError("Input images should have the same dimensions, got %s and %s"
                         % (tuple(X.shape), tuple(Y.shape)))
    if X.dim() != 4:
        raise ValueError("this stand-in only supports 4-D (N, C, H, W) input, got %s"
                         % (tuple(X.shape),))
    if X.dtype != Y.dtype:
        raise ValueError("Input images should have the same dtype, got %s and %s"
                         % (X.dtype, Y.dtype))
    if win is None:
        if win_size % 2 != 1:
            raise ValueError("Window size should be odd.")
        win = gaussian_window_1d(win_size, win_sigma).view(1, 1, 1, win_size)
        win = win.repeat(X.shape[1], 1, 1, 1)
    per_channel = _ssim_per_channel(X, Y, data_range=data_range, window=win, K=K)
    if nonnegative_ssim:
        per_channel = torch.relu(per_channel)
    if size_average:
        return per_channel.mean()
    return per_channel.mean(1)


class SSIM(nn.Module):
    def __init__(self, data_range=1.0, size_average=True, win_size=11,
                 win_sigma=1.5, channel=3, spatial_dims=2, K=(0.01, 0.03),
                 nonnegative_ssim=False):
        super().__init__()
        if spatial_dims != 2:
            raise ValueError("this stand-in only supports spatial_dims=2")
        if win_size % 2 != 1:
            raise ValueError("Window size should be odd.")
        self.win_size = win_size
        # (C, 1, 1, K); kept as a plain attribute (not a buffer/parameter), as
        # upstream does, and moved to the input's device/dtype at call time.
        self.win = gaussian_window_1d(win_size, win_sigma).view(1, 1, 1, win_size) \
            .repeat(channel, 1, 1, 1)
        self.size_average = size_average
        self.data_range = data_range
        self.K = K
        self.nonnegative_ssim = nonnegative_ssim

    def forward(self, X, Y):
        return ssim(X, Y, data_range=self.data_range,
                    size_average=self.size_average, win=self.win, K=self.K,
                    nonnegative_ssim=self.nonnegative_ssim)
