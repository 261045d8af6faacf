package enr4j.model;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Every distinct GroupNorm input of a model: channels, groups and spatial sizes, found by walking its layers. */
final class GroupNormShapes {
    /** One GroupNorm's input without the batch dimension. */
    record Shape(FeatureShape input, int groups) {}

    private GroupNormShapes() {}

    static List<Shape> of(NeuralRenderer model) {
        Set<Shape> out = new LinkedHashSet<>();
        FeatureShape f = new FeatureShape(model.config().imageChannels(), model.config().imageSize(),
                model.config().imageSize());
        for (Layer part : model.parts().values()) {
            FeatureShape inner = part instanceof Projection ? new FeatureShape(f.channels() * f.spatial()[0],
                    f.spatial()[1], f.spatial()[2]) : f;
            walk(part, inner, out);
            f = part.outputShape(f);
        }
        return List.copyOf(out);
    }

    private static FeatureShape walk(Layer layer, FeatureShape input, Set<Shape> out) {
        if (layer instanceof GroupNorm g) {
            out.add(new Shape(input, GroupNorm.groupsFor(input.channels())));
        } else if (layer instanceof ResidualBlock r) {
            walk(r.residual(), input, out);
        } else if (layer instanceof LayerSequence s) {
            FeatureShape x = input;
            for (Layer l : s.layers()) {
                x = walk(l, x, out);
            }
            return x;
        } else if (layer instanceof SequenceWrapper w) {
            FeatureShape x = input; // already reshaped by the caller for a projection
            for (Layer l : w.layers()) {
                x = walk(l, x, out);
            }
            return x;
        }
        return layer.outputShape(input);
    }
}
