package enr4j.model;

import java.util.List;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;

/**
 * A part made of one {@link LayerSequence} registered as {@code forward_layers} (the reference's layout
 * for ResNets and projections). Subclasses change only what differs: a reshape before or after.
 */
abstract class SequenceWrapper extends Module implements Layer {
    protected final LayerSequence layers;

    SequenceWrapper(String name, LayerSequence layers) {
        super(name);
        this.layers = layers;
        register_module("forward_layers", layers);
    }

    public List<Layer> layers() {
        return layers.layers();
    }

    @Override
    public Tensor forward(Tensor x) {
        return layers.forward(x);
    }

    @Override
    public FeatureShape outputShape(FeatureShape input) {
        return layers.outputShape(input);
    }

    @Override
    public long flops(FeatureShape input) {
        return layers.flops(input);
    }

    @Override
    public void collectWeights(List<WeightSlot> out) {
        layers.collectWeights(out);
    }

    @Override
    public long parameterCount() {
        return layers.parameterCount();
    }
}
