package enr4j.torch.io;

import java.util.Arrays;

/**
 * A strided view onto a storage, as {@code torch._utils._rebuild_tensor_v2} describes a tensor; turned into a
 * contiguous {@link RawTensor} once the storage bytes are available.
 *
 * @param storage the storage region
 * @param storageOffset first element, relative to the region
 * @param size shape
 * @param stride elements to step per index of each dimension
 */
record TensorRef(StorageRef storage, long storageOffset, long[] size, long[] stride) {

    TensorRef {
        if (size.length != stride.length) {
            throw new IllegalArgumentException("size " + Arrays.toString(size) + " and stride "
                    + Arrays.toString(stride) + " differ in rank");
        }
    }

    /**
     * Gathers this view's elements in row-major order.
     *
     * @param rootBytes the whole storage record the region lies in
     * @throws IllegalArgumentException if the view reaches outside the region
     */
    RawTensor materialize(byte[] rootBytes) {
        DType dtype = storage.dtype();
        int elem = dtype.byteSize();
        long regionEnd = storage.elementOffset() + storage.numel();
        if (regionEnd * elem > rootBytes.length) {
            throw new IllegalArgumentException("storage '" + storage.key() + "' has " + rootBytes.length / elem
                    + " elements, the pickle declares " + regionEnd);
        }
        long numel = RawTensor.numel(size);
        byte[] out = new byte[Math.toIntExact(RawTensor.byteCount(dtype, size))];
        if (numel == 0) {
            return new RawTensor(dtype, size, out);
        }
        long first = storage.elementOffset() + storageOffset;
        long last = first;
        for (int d = 0; d < size.length; d++) {
            if (stride[d] < 0) {
                throw new IllegalArgumentException("negative stride " + Arrays.toString(stride));
            }
            last += (size[d] - 1) * stride[d];
        }
        if (storageOffset < 0 || first < storage.elementOffset() || last >= regionEnd) {
            throw new IllegalArgumentException("view offset " + storageOffset + " size " + Arrays.toString(size)
                    + " stride " + Arrays.toString(stride) + " reaches outside storage '" + storage.key() + "' of "
                    + storage.numel() + " elements");
        }
        copyStrided(rootBytes, first, out, elem);
        return new RawTensor(dtype, size, out);
    }

    /** Odometer walk over all but the last dimension; the last dimension is copied as one block when dense. */
    private void copyStrided(byte[] src, long first, byte[] dst, int elem) {
        int rank = size.length;
        long innerSize = rank == 0 ? 1 : size[rank - 1];
        long innerStride = rank == 0 ? 1 : stride[rank - 1];
        long[] index = new long[Math.max(rank - 1, 0)];
        int written = 0;
        while (true) {
            long base = first;
            for (int d = 0; d < index.length; d++) {
                base += index[d] * stride[d];
            }
            if (innerStride == 1) {
                int bytes = (int) (innerSize * elem);
                System.arraycopy(src, (int) (base * elem), dst, written, bytes);
                written += bytes;
            } else {
                for (long i = 0; i < innerSize; i++) {
                    System.arraycopy(src, (int) ((base + i * innerStride) * elem), dst, written, elem);
                    written += elem;
                }
            }
            int d = index.length - 1;
            while (d >= 0 && ++index[d] == size[d]) {
                index[d] = 0;
                d--;
            }
            if (d < 0) {
                return;
            }
        }
    }
}
