package enr4j.torch.io;

import enr4j.torch.StepScope;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/** Copies between {@link RawTensor} and libtorch tensors, releasing every temporary native object. */
final class TorchTensorBridge {
    private TorchTensorBridge() {
    }

    static RawTensor toRaw(Tensor tensor) {
        if (tensor == null || !tensor.defined()) {
            throw new IllegalArgumentException("cannot copy an undefined tensor");
        }
        DType dtype = DType.fromScalarType(tensor.scalar_type())
                .orElseThrow(() -> new IllegalArgumentException("unsupported tensor type " + tensor.scalar_type()));
        try (StepScope scope = StepScope.open()) {
            Tensor dense = tensor.detach().cpu().contiguous();
            long[] shape = new long[(int) dense.dim()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = dense.size(i);
            }
            byte[] data = new byte[Math.toIntExact(RawTensor.byteCount(dtype, shape))];
            if (data.length > 0) {
                new BytePointer(dense.data_ptr()).capacity(data.length).get(data);
            }
            return new RawTensor(dtype, shape, data);
        }
    }

    static Tensor toTorch(RawTensor raw) {
        try (StepScope scope = StepScope.open()) {
            Tensor result = torch.empty(raw.shape(), new TensorOptions(raw.dtype().scalarType()),
                    new MemoryFormatOptional());
            byte[] data = raw.data();
            if (data.length > 0) {
                new BytePointer(result.data_ptr()).capacity(data.length).put(data);
            }
            return scope.handOut(result);
        }
    }
}
