package enr4j.torch.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.bytedeco.pytorch.Tensor;

/**
 * A dense tensor held in Java memory, independent of libtorch: the exchange value of every reader and writer
 * in this package.
 *
 * <p>{@code data} holds {@code numel() * dtype.byteSize()} bytes, the elements in row-major (C-contiguous)
 * order, each little-endian. A scalar has shape {@code []} and one element; a shape containing 0 has no data.
 * The shape array is copied; the data array is taken as is and must not be modified afterwards.
 *
 * @param dtype element type
 * @param shape size of each dimension, all {@code >= 0}
 * @param data contiguous little-endian element bytes
 */
public record RawTensor(DType dtype, long[] shape, byte[] data) {

    public RawTensor {
        if (dtype == null || shape == null || data == null) {
            throw new IllegalArgumentException("dtype, shape and data must not be null");
        }
        shape = shape.clone();
        long expected = byteCount(dtype, shape);
        if (data.length != expected) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " of " + dtype + " needs "
                    + expected + " bytes, got " + data.length);
        }
    }

    /** Number of elements: the product of the shape, 1 for a scalar. */
    public static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Bytes a contiguous tensor of this type and shape occupies; fails if it does not fit a Java array. */
    public static long byteCount(DType dtype, long[] shape) {
        long bytes = Math.multiplyExact(numel(shape), (long) dtype.byteSize());
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape) + " is too large for "
                    + "one Java array (" + bytes + " bytes)");
        }
        return bytes;
    }

    /** A float32 tensor holding {@code values} in row-major order. */
    public static RawTensor ofFloats(long[] shape, float... values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        return new RawTensor(DType.FLOAT32, shape, buf.array());
    }

    /** Copies a libtorch tensor of any device, layout or strides (moved to CPU, made contiguous). */
    public static RawTensor fromTorch(Tensor tensor) {
        return TorchTensorBridge.toRaw(tensor);
    }

    /**
     * Creates a new CPU libtorch tensor that owns a copy of the data (not a view of Java memory). It is attached
     * to the caller's innermost open scope ({@code StepScope}), like any tensor a libtorch call returns.
     */
    public Tensor toTorch() {
        return TorchTensorBridge.toTorch(this);
    }

    /** Returns the shape (a copy). */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public long numel() {
        return numel(shape);
    }

    /** Read-only little-endian view of the data. */
    public ByteBuffer buffer() {
        return ByteBuffer.wrap(data).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The elements of a {@link DType#FLOAT32} tensor. */
    public float[] toFloatArray() {
        if (dtype != DType.FLOAT32) {
            throw new IllegalStateException("toFloatArray needs FLOAT32, tensor is " + dtype);
        }
        float[] out = new float[data.length / 4];
        buffer().asFloatBuffer().get(out);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawTensor other && dtype == other.dtype && Arrays.equals(shape, other.shape)
                && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "RawTensor[" + dtype + " " + Arrays.toString(shape) + "]";
    }
}
