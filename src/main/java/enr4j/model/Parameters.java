package enr4j.model;

import enr4j.torch.TensorOwner;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;

/**
 * Registers parameters and buffers and keeps a Java handle to each.
 *
 * <p>The handle kept is the tensor passed in (it shares its storage with the registered one), never
 * the reference {@code register_parameter} returns: that one points into the module's item list and
 * dangles once the list grows. Handles are pinned for the module's lifetime so that a model built
 * inside a {@code StepScope} survives the scope.
 */
final class Parameters {
    private Parameters() {}

    static WeightSlot register(Module owner, String name, Tensor t) {
        owner.register_parameter(name, t, true);
        return new WeightSlot(TensorOwner.pin(t));
    }

    static Tensor registerBuffer(Module owner, String name, Tensor t) {
        owner.register_buffer(name, t);
        return TensorOwner.pin(t);
    }
}
