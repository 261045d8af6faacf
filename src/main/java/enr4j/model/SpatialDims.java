package enr4j.model;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/** The one place where 2D and 3D layers differ: which libtorch convolution to call. */
public enum SpatialDims {
    TWO(2),
    THREE(3);

    private final int count;

    SpatialDims(int count) {
        this.count = count;
    }

    public int count() {
        return count;
    }

    public static SpatialDims of(int n) {
        return switch (n) {
            case 2 -> TWO;
            case 3 -> THREE;
            default -> throw new IllegalArgumentException("features need 2 or 3 spatial dimensions, got " + n);
        };
    }

    /** The channels-last memory format of this rank (NHWC or NDHWC). */
    public torch.MemoryFormat channelsLast() {
        return this == TWO ? torch.MemoryFormat.ChannelsLast : torch.MemoryFormat.ChannelsLast3d;
    }

    /** The same value repeated for each spatial dimension (kernel sizes, strides, paddings). */
    long[] repeat(long v) {
        long[] a = new long[count];
        java.util.Arrays.fill(a, v);
        return a;
    }

    /**
     * @param x      B x C_in x spatial
     * @param weight C_out x C_in x k^dims
     * @param bias   C_out, or null
     * @return B x C_out x spatial'
     */
    Tensor conv(Tensor x, Tensor weight, Tensor bias, int stride, int padding) {
        TensorOptional b = bias == null ? new TensorOptional() : new TensorOptional(bias);
        long[] s = repeat(stride);
        long[] p = repeat(padding);
        long[] d = repeat(1);
        return this == TWO ? torch.conv2d(x, weight, b, s, p, d, 1) : torch.conv3d(x, weight, b, s, p, d, 1);
    }

    /**
     * @param x      B x C_in x spatial
     * @param weight C_in x C_out x k^dims
     * @param bias   C_out, or null
     * @return B x C_out x spatial'
     */
    Tensor convTranspose(Tensor x, Tensor weight, Tensor bias, int stride, int padding) {
        TensorOptional b = bias == null ? new TensorOptional() : new TensorOptional(bias);
        long[] s = repeat(stride);
        long[] p = repeat(padding);
        long[] out = repeat(0);
        long[] d = repeat(1);
        return this == TWO ? torch.conv_transpose2d(x, weight, b, s, p, out, 1, d)
                : torch.conv_transpose3d(x, weight, b, s, p, out, 1, d);
    }
}
