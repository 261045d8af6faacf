package enr4j.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code enr info} prints: per part, each layer with its input and output shapes and parameter
 * count, then the scene shape, the scene size and the total parameter count.
 */
public final class ModelSummary {
    /** One part of the model and its rows. */
    public record Block(String title, String part, List<ModelPlan.Row> rows, long parameters) {}

    private static final Map<String, String> TITLES = Map.of(
            "inv_transform_2d", "Inverse 2D", "inv_projection", "Inverse Projection",
            "inv_transform_3d", "Inverse 3D", "transform_3d", "3D",
            "projection", "Projection", "transform_2d", "2D");

    private final List<Block> blocks = new ArrayList<>();
    private final FeatureShape sceneShape;
    private final long sceneSize;
    private final long totalParameters;

    public ModelSummary(NeuralRenderer model) {
        this(model.config());
    }

    /** From the config alone: nothing is allocated, so it works for architectures too large to build. */
    public ModelSummary(ModelConfig config) {
        this(ModelPlan.of(config));
    }

    public ModelSummary(ModelPlan plan) {
        for (ModelPlan.Part part : plan.parts()) {
            blocks.add(new Block(TITLES.get(part.name()), part.name(), part.rows(), part.parameters()));
        }
        this.sceneShape = plan.sceneShape();
        this.sceneSize = plan.sceneSize();
        this.totalParameters = plan.parameterCount();
    }

    public List<Block> blocks() {
        return blocks;
    }

    public FeatureShape sceneShape() {
        return sceneShape;
    }

    /** Non-zero entries of the spherical mask over all channels. */
    public long sceneSize() {
        return sceneSize;
    }

    public long totalParameters() {
        return totalParameters;
    }

    /** The report as text, blocks in the order inverse renderer then renderer. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        for (Block b : blocks) {
            if (b.part().equals("inv_transform_2d")) {
                sb.append("Inverse renderer (image -> scene)\n=================================\n\n");
            } else if (b.part().equals("transform_3d")) {
                sb.append("Renderer (scene -> image)\n=========================\n\n");
            }
            sb.append(b.title()).append(" (").append(b.part()).append(")\n");
            sb.append(String.format("  %-3s %-34s %-22s %-22s %12s%n", "#", "layer", "input", "output", "parameters"));
            int i = 0;
            for (ModelPlan.Row r : b.rows()) {
                sb.append(String.format("  %-3d %-34s %-22s %-22s %,12d%n", i++, r.layer(), r.input(), r.output(),
                        r.parameters()));
            }
            sb.append(String.format("  %-84s %,12d%n%n", "block total", b.parameters()));
        }
        sb.append("Scene representation\n");
        sb.append("  shape: ").append(sceneShape).append('\n');
        sb.append(String.format("  size:  %,d (non-zero entries of the spherical mask)%n", sceneSize));
        sb.append(String.format("%nTotal parameters: %,d%n", totalParameters));
        return sb.toString();
    }
}
