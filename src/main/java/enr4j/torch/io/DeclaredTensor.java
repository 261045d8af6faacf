package enr4j.torch.io;

import java.util.Arrays;

/**
 * A tensor as a checkpoint declares it, before any of its data is read: what
 * {@link TorchCheckpoints#readDeclared} yields in place of a {@link RawTensor}.
 *
 * @param dtype element type
 * @param shape declared size of each dimension
 */
public record DeclaredTensor(DType dtype, long[] shape) {
    public DeclaredTensor {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeclaredTensor d && d.dtype == dtype && Arrays.equals(d.shape, shape);
    }

    @Override
    public int hashCode() {
        return 31 * dtype.hashCode() + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return dtype + " " + Arrays.toString(shape);
    }
}
