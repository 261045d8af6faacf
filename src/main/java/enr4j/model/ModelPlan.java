package enr4j.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Everything about an architecture that follows from its config alone, computed without allocating a weight:
 * each state_dict name with its shape, each part's layers with their shapes and parameter counts, the scene, and
 * the activation elements of one training sample. {@code enr info}, the loaders (which check every tensor a file
 * declares against these shapes before reading it) and {@link MemoryEstimate} use it, so none of them has to
 * build a model that may not fit.
 */
public final class ModelPlan {
    /** The largest scene side accepted; the spherical mask alone would be gigabytes beyond it. */
    public static final int MAX_SCENE_SIDE = 1024;

    /** One layer of a part: what {@code enr info} prints. */
    public record Row(String layer, FeatureShape input, FeatureShape output, long parameters) {}

    /** One of the six parts, by its state_dict name (e.g. {@code inv_transform_2d}). */
    public record Part(String name, List<Row> rows, long parameters) {}

    private final ModelConfig config;
    private final List<Part> parts = new ArrayList<>();
    private final Map<String, long[]> weights;
    private final FeatureShape sceneShape;
    private final long parameterCount;
    private final long activationElements;

    private ModelPlan(ModelConfig c) {
        this.config = c;
        PlanBuilder b = new PlanBuilder();
        FeatureShape image = new FeatureShape(c.imageChannels(), c.imageSize(), c.imageSize());
        b.activation(image);
        try {
            PlanBuilder.PartWalk inv2d = b.new PartWalk("inv_transform_2d");
            FeatureShape f2 = b.resnet(inv2d, image, c.channels2d(), c.strides2d(), 0);
            PlanBuilder.PartWalk invProjection = b.new PartWalk("inv_projection");
            FeatureShape flat = b.pointwiseStack(invProjection, f2, c.numChannelsInvProjection());
            int h = flat.spatial()[0];
            int w = flat.spatial()[1];
            FeatureShape f3 = new FeatureShape(flat.channels() / w, w, h, w);
            b.reshape(invProjection, "unfold channels into depth", flat, f3);
            PlanBuilder.PartWalk inv3d = b.new PartWalk("inv_transform_3d");
            sceneShape = b.resnet(inv3d, f3, c.channels3d(), c.strides3d(), 0);
            int side = sceneShape.spatial()[0];
            if (side > MAX_SCENE_SIDE) {
                throw new ConfigException("the scene would be " + sceneShape + ", larger than the " + MAX_SCENE_SIDE
                        + " voxels a side that enr4j supports");
            }
            b.activation(sceneShape); // masked scene
            b.activation(sceneShape); // turned scene
            PlanBuilder.PartWalk fwd3d = b.new PartWalk("transform_3d");
            FeatureShape g3 = b.resnet(fwd3d, sceneShape, c.forwardChannels3d(), c.forwardStrides3d(), 0);
            PlanBuilder.PartWalk projection = b.new PartWalk("projection");
            int[] s = g3.spatial();
            FeatureShape folded = new FeatureShape(Math.multiplyExact(g3.channels(), s[0]), s[1], s[2]);
            b.reshape(projection, "fold depth into channels", g3, folded);
            FeatureShape g2 = b.pointwiseStack(projection, folded, c.numChannelsProjection());
            PlanBuilder.PartWalk fwd2d = b.new PartWalk("transform_2d");
            FeatureShape rendered = b.resnet(fwd2d, g2, c.forwardChannels2d(), c.forwardStrides2d(), c.imageChannels());
            b.activation(rendered); // sigmoid
            b.buffer("spherical_mask.mask", new long[] {sceneShape.channels(), side, side, side});
            for (PlanBuilder.PartWalk p : List.of(inv2d, invProjection, inv3d, fwd3d, projection, fwd2d)) {
                parts.add(p.done());
            }
            this.parameterCount = b.parameterTotal();
            this.activationElements = b.activationElements;
        } catch (ArithmeticException e) {
            throw new ConfigException("the architecture is too large to count (its sizes overflow 64 bits)");
        }
        this.weights = Collections.unmodifiableMap(b.weights);
    }

    /** @throws ConfigException if the scene is not a cube or is beyond {@link #MAX_SCENE_SIDE} */
    public static ModelPlan of(ModelConfig config) {
        return new ModelPlan(config);
    }

    public ModelConfig config() {
        return config;
    }

    /** The six parts in the reference's order. */
    public List<Part> parts() {
        return Collections.unmodifiableList(parts);
    }

    /** Every parameter and buffer name of the state_dict with its shape (shared arrays: do not modify). */
    public Map<String, long[]> weightShapes() {
        return weights;
    }

    /** Total parameter count (buffers excluded). */
    public long parameterCount() {
        return parameterCount;
    }

    /** Elements of all parameters and buffers, as a state_dict stores them. */
    public long stateDictElements() {
        long n = 0;
        for (long[] shape : weights.values()) {
            n += PlanBuilder.elements(shape);
        }
        return n;
    }

    /** Shape of one scene, e.g. {@code 64 x 32 x 32 x 32}. */
    public FeatureShape sceneShape() {
        return sceneShape;
    }

    /**
     * Elements that one training sample keeps alive until the backward pass: the input, the output of every conv,
     * GroupNorm and residual sum of both renderers, the masked and the turned scene, and the rendered image.
     */
    public long activationElementsPerSample() {
        return activationElements;
    }

    /** Voxels inside the spherical mask over all channels (the reference's "scene size"), without building it. */
    public long sceneSize() {
        int d = sceneShape.spatial()[0];
        double centre = (d - 1) / 2.0;
        double r2 = centre * centre;
        long inside = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double a = (centre - i) * (centre - i) + (centre - j) * (centre - j);
                inside += a > r2 ? 0 : rowInside(d, centre, r2, a);
            }
        }
        return inside * sceneShape.channels();
    }

    /** Count of k in [0, d) with {@code a + (centre - k)^2 <= r2}, the test {@link SphericalMask} applies. */
    private static long rowInside(int d, double centre, double r2, double a) {
        double half = Math.sqrt(r2 - a);
        int lo = Math.max(0, (int) Math.ceil(centre - half) - 1);
        int hi = Math.min(d - 1, (int) Math.floor(centre + half) + 1);
        while (lo <= hi && a + (centre - lo) * (centre - lo) > r2) {
            lo++;
        }
        while (hi >= lo && a + (centre - hi) * (centre - hi) > r2) {
            hi--;
        }
        return hi < lo ? 0 : hi - lo + 1;
    }
}
