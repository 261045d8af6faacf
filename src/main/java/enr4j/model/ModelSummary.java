package enr4j.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code enr info} prints: per part, each layer with its input and output shapes and parameter
 * count, then the scene shape, the scene size and the total parameter count.
 */
public final class ModelSummary {
    /** One row of the table. */
    public record Row(String layer, FeatureShape input, FeatureShape output, long parameters) {}

    /** One part of the model and its rows. */
    public record Block(String title, String part, List<Row> rows, long parameters) {}

    private static final Map<String, String> TITLES = Map.of(
            "inv_transform_2d", "Inverse 2D", "inv_projection", "Inverse Projection",
            "inv_transform_3d", "Inverse 3D", "transform_3d", "3D",
            "projection", "Projection", "transform_2d", "2D");

    private final List<Block> blocks = new ArrayList<>();
    private final FeatureShape sceneShape;
    private final long sceneSize;
    private final long totalParameters;

    public ModelSummary(NeuralRenderer model) {
        ModelConfig c = model.config();
        FeatureShape shape = new FeatureShape(c.imageChannels(), c.imageSize(), c.imageSize());
        for (Map.Entry<String, Layer> part : model.parts().entrySet()) {
            List<Row> rows = new ArrayList<>();
            Layer layer = part.getValue();
            List<Layer> inner = layer instanceof ResNet r ? r.layers()
                    : layer instanceof Projection p ? p.layers()
                    : layer instanceof InverseProjection ip ? ip.layers() : List.of(layer);
            FeatureShape in = shape;
            if (layer instanceof Projection) {
                int[] s = in.spatial();
                FeatureShape folded = new FeatureShape(in.channels() * s[0], s[1], s[2]);
                rows.add(new Row("fold depth into channels", in, folded, 0));
                in = folded;
            }
            for (Layer l : inner) {
                FeatureShape out = l.outputShape(in);
                rows.add(new Row(l.describe(), in, out, l.parameterCount()));
                in = out;
            }
            FeatureShape out = layer.outputShape(shape);
            if (layer instanceof InverseProjection) {
                rows.add(new Row("unfold channels into depth", in, out, 0));
            }
            blocks.add(new Block(TITLES.get(part.getKey()), part.getKey(), rows, layer.parameterCount()));
            shape = part.getKey().equals("inv_transform_3d") ? model.sceneShape() : out;
        }
        this.sceneShape = model.sceneShape();
        this.sceneSize = model.sphericalMask().nonZeroEntries();
        this.totalParameters = model.parameterCount();
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
            for (Row r : b.rows()) {
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
