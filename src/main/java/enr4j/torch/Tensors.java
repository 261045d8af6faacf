package enr4j.torch;

import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/** Small conversions between Java arrays and libtorch tensors. */
public final class Tensors {
    private Tensors() {}

    /** @return a new CPU float32 tensor holding a copy of {@code data}, shaped {@code shape}. */
    public static Tensor fromFloats(float[] data, long... shape) {
        long n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n
                    + " values, got " + data.length);
        }
        return Tensor.create(data, shape);
    }

    /**
     * Moves a CPU tensor to {@code device} without making the host wait for the device: on CUDA the data
     * goes through pinned memory and the copy is queued behind the work already launched. (A plain copy
     * from pageable memory blocks the host until the GPU has drained its queue, once per call.)
     *
     * @param cpu any CPU tensor; returned unchanged when {@code device} is the CPU
     */
    public static Tensor upload(Tensor cpu, Device device) {
        if (!device.is_cuda()) {
            return cpu;
        }
        return cpu.pin_memory().to(device, cpu.scalar_type(), true, false, new org.bytedeco.pytorch.MemoryFormatOptional());
    }

    /** @return a float32 copy of {@code t} (any device, dtype or layout), flattened in row-major order. */
    public static float[] toFloats(Tensor t) {
        Tensor c = t.detach().to(new Device(torch.DeviceType.CPU), torch.ScalarType.Float).contiguous();
        float[] out = new float[(int) c.numel()];
        new FloatPointer(c.data_ptr()).get(out);
        return out;
    }

    /** @return the tensor's shape as a Java array. */
    public static long[] shape(Tensor t) {
        return t.shape();
    }

    /** @return a scalar wrapper for libtorch arithmetic. */
    public static Scalar scalar(double v) {
        return new Scalar(v);
    }

    /** @return float32 tensor options on {@code device}. */
    public static TensorOptions floatOptions(Device device) {
        return new TensorOptions().dtype(new org.bytedeco.pytorch.ScalarTypeOptional(torch.ScalarType.Float))
                .device(new org.bytedeco.pytorch.DeviceOptional(device));
    }

    /** @return the largest absolute element-wise difference between two tensors of equal shape. */
    public static double maxAbsDiff(Tensor a, Tensor b) {
        return a.detach().to(torch.ScalarType.Double).sub(b.detach().to(torch.ScalarType.Double)).abs().max().item_double();
    }

    /**
     * Frees an intermediate's handle now rather than when the enclosing {@code PointerScope} closes. Inside a
     * training step every handle pins its tensor until the step ends, while Python frees an activation as soon as
     * nothing refers to it; dropping the handles of activations that autograd did not save (a residual branch's
     * output, say) brings enr4j's peak memory back to what autograd needs. What autograd saved stays alive
     * through autograd. Does nothing when {@code successor} is the same native tensor object (in-place ops hand
     * back a reference to their input) or when {@code t} is null.
     *
     * @param t         a handle that nothing will read again
     * @param successor what was computed from it (may share its native object)
     */
    public static void drop(Tensor t, Tensor successor) {
        if (t != null && !t.isNull() && (successor == null || t.address() != successor.address())) {
            t.deallocate();
        }
    }

    /**
     * Applies {@code step} to an intermediate and {@link #drop drops} the intermediate's handle.
     *
     * @param t    a handle nothing else will read
     * @param step what to compute from it
     * @return {@code step.apply(t)}
     */
    public static Tensor thenDrop(Tensor t, java.util.function.UnaryOperator<Tensor> step) {
        Tensor next = step.apply(t);
        drop(t, next);
        return next;
    }
}
