package enr4j.torch;

import java.lang.ref.Reference;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.StringTensorDict;
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

    /**
     * Copies a CPU tensor into {@code target} (same shape) without waiting for the device: through pinned memory when
     * the target is on a GPU, so the copy is asynchronous and the pinned block stays reserved until it completes.
     *
     * @return {@code target}
     */
    public static Tensor copyFromHost(Tensor target, Tensor cpu) {
        return target.is_cuda() ? target.copy_(cpu.pin_memory(), true) : target.copy_(cpu);
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
     * Copies a dict's entries as handles of their own. {@code Item.value()} is a reference into the dict's native
     * memory: once the garbage collector frees the dict, such a handle dangles (loading a model then crashed in
     * {@code copy_} now and then). {@code new Tensor(t)} is a second owner of the same tensor, like Python's.
     *
     * @return the dict's tensors by name, in the dict's order (live handles, not copies)
     */
    public static Map<String, Tensor> entries(StringTensorDict dict) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (long i = 0; i < dict.size(); i++) {
            var item = dict.get(i);
            out.put(item.key().getString(), new Tensor(item.value()));
        }
        Reference.reachabilityFence(dict);
        return out;
    }
}
