package enr4j.model;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

/**
 * Moves a model's parameters and buffers to a device tensor by tensor ({@code set_data}), without libtorch's
 * {@code Module.to}: that call dispatches into the Java layer objects and fails with a NullPointerException once the
 * garbage collector has collected a Java submodule object that only native code still references.
 */
public final class ModelDevices {
    private ModelDevices() {}

    /** Moves every parameter and buffer not already on {@code device}; the tensors keep their identity and dtype. */
    public static void moveTo(NeuralRenderer model, Device device) {
        try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
            for (Tensor t : model.stateDict().values()) {
                Device current = t.device();
                if (current.type() != device.type() || (device.has_index() && current.index() != device.index())) {
                    t.set_data(t.to(device, t.scalar_type()));
                }
            }
        }
    }
}
