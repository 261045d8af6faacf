package enr4j.model;

import enr4j.torch.Intermediates;
import enr4j.torch.MemoryTags;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;

/**
 * Layers applied in order, registered under their position ({@code 0}, {@code 1}, ...) like
 * PyTorch's {@code nn.Sequential}: parameter-free layers keep their index, so names such as
 * {@code forward_layers.3.weight} match the reference's state_dict keys.
 */
public final class LayerSequence extends Module implements Layer {
    private final List<Layer> layers;
    private final List<UnaryOperator<Tensor>> steps;
    /** Each step's name for memory tags: the index of its first layer. */
    private final List<String> names;

    public LayerSequence(List<Layer> layers) {
        super("LayerSequence");
        this.layers = List.copyOf(layers);
        List<String> stepNames = new ArrayList<>();
        this.steps = steps(this.layers, stepNames);
        this.names = List.copyOf(stepNames);
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof Module m) {
                register_module(Integer.toString(i), m);
            }
        }
    }

    /**
     * One step per layer, except that a GroupNorm followed by a LeakyReLU is one step (fused on CUDA), and so is a
     * convolution followed by a GroupNorm (and a LeakyReLU), whose bias the GroupNorm may then fold in.
     */
    private static List<UnaryOperator<Tensor>> steps(List<Layer> layers, List<String> names) {
        List<UnaryOperator<Tensor>> steps = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            names.add(Integer.toString(i));
            if (layer instanceof Conv conv && i + 1 < layers.size() && layers.get(i + 1) instanceof GroupNorm norm) {
                LeakyRelu act = i + 2 < layers.size() && layers.get(i + 2) instanceof LeakyRelu a ? a : null;
                steps.add(t -> norm.forwardAfter(conv, t, act));
                i += act == null ? 1 : 2;
            } else if (layer instanceof GroupNorm norm && i + 1 < layers.size()
                    && layers.get(i + 1) instanceof LeakyRelu act) {
                steps.add(t -> norm.forwardActivated(t, act));
                i++;
            } else {
                steps.add(layer::forward);
            }
        }
        return List.copyOf(steps);
    }

    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    /** Runs the layers in order; a GroupNorm followed by a LeakyReLU runs as one step (fused on CUDA). */
    @Override
    public Tensor forward(Tensor x) {
        if (!MemoryTags.on()) {
            return Intermediates.chain(x, steps);
        }
        List<UnaryOperator<Tensor>> tagged = new ArrayList<>(steps.size());
        for (int k = 0; k < steps.size(); k++) {
            tagged.add(MemoryTags.named(names.get(k), steps.get(k)));
        }
        return Intermediates.chain(x, tagged);
    }

    /**
     * Every step but the last, whose layer the caller applies itself (the last layer must be a step of its own, as
     * a layer that is neither a GroupNorm nor a convolution followed by one is).
     *
     * @param x the sequence's input
     * @return the last layer's input
     */
    Tensor forwardWithoutLast(Tensor x) {
        Layer last = layers.get(layers.size() - 1);
        if (last instanceof LeakyRelu || last instanceof GroupNorm) {
            throw new IllegalStateException("the last layer of " + describe() + " is fused with the one before it");
        }
        return Intermediates.chain(x, steps.subList(0, steps.size() - 1));
    }

    @Override
    public FeatureShape outputShape(FeatureShape input) {
        for (Layer layer : layers) {
            input = layer.outputShape(input);
        }
        return input;
    }

    @Override
    public long flops(FeatureShape input) {
        long total = 0;
        for (Layer layer : layers) {
            total += layer.flops(input);
            input = layer.outputShape(input);
        }
        return total;
    }

    @Override
    public void collectWeights(java.util.List<WeightSlot> out) {
        for (Layer layer : layers) {
            layer.collectWeights(out);
        }
    }

    @Override
    public String describe() {
        return "Sequence of " + layers.size();
    }

    @Override
    public long parameterCount() {
        return layers.stream().mapToLong(Layer::parameterCount).sum();
    }

    /** Collects layers for a sequence. */
    public static final class Builder {
        private final List<Layer> layers = new ArrayList<>();

        public Builder add(Layer layer) {
            layers.add(layer);
            return this;
        }

        /** Adds GroupNorm then LeakyReLU(0.2) on {@code channels}. */
        public Builder normAndActivation(int channels) {
            return add(new GroupNorm(channels)).add(new LeakyRelu());
        }

        public LayerSequence build() {
            return new LayerSequence(layers);
        }
    }
}
