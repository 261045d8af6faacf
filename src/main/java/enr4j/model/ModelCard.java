package enr4j.model;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The {@code README.md} of a saved model folder or zip: what the model is, its architecture, and what is known of
 * its training and evaluation ({@link ModelFacts}; unknown facts are left out). Derived from the config and the
 * metadata only, so converting a model between formats writes the same card again.
 */
final class ModelCard {
    private ModelCard() {}

    static String markdown(NeuralRenderer model, ModelFacts facts) {
        ModelConfig c = model.config();
        StringBuilder md = new StringBuilder();
        md.append("# Equivariant Neural Rendering model\n\n");
        md.append("Infers a 3D scene representation from one image and renders it from other camera poses ")
                .append("(Dupont et al., \"Equivariant Neural Rendering\", ICML 2020). Saved by enr4j ")
                .append(Enr4jVersion.current()).append(".\n\n");
        md.append("## Architecture\n\n| | |\n| --- | --- |\n");
        row(md, "input images", c.imageChannels() + " x " + c.imageSize() + " x " + c.imageSize());
        row(md, "scene representation", model.sceneShape() + String.format(Locale.ROOT,
                " (%,d entries inside the spherical mask)", model.sphericalMask().nonZeroEntries()));
        row(md, "parameters", String.format(Locale.ROOT, "%,d", model.parameterCount()));
        row(md, "inverse 2D channels (strides)", layers(c.channels2d(), c.strides2d()));
        row(md, "inverse projection channels", join(c.numChannelsInvProjection()));
        row(md, "inverse 3D channels (strides)", layers(c.channels3d(), c.strides3d()));
        row(md, "projection channels", join(c.numChannelsProjection()));
        row(md, "scene resampling", c.mode().configName());
        if (c.sceneExtent() != 1.0) {
            row(md, "scene extent", c.sceneExtent() + " world units");
        }
        md.append("\nThe renderer mirrors the inverse renderer. Weights are named as the reference implementation's ")
                .append("PyTorch state_dict.\n");
        if (facts.trainingData() != null || facts.trainingSteps() != null) {
            md.append("\n## Training\n\n");
            if (facts.trainingData() != null) {
                md.append("- data: `").append(facts.trainingData()).append("`\n");
            }
            if (facts.trainingSteps() != null) {
                md.append(String.format(Locale.ROOT, "- steps: %,d%n", facts.trainingSteps()));
            }
        }
        if (facts.psnr() != null) {
            md.append("\n## Evaluation\n\n").append(String.format(Locale.ROOT, "- mean PSNR: %.2f dB", facts.psnr()));
            if (facts.psnrTestSet() != null) {
                md.append(" on `").append(facts.psnrTestSet()).append('`');
            }
            md.append('\n');
        }
        md.append("\n## Files\n\n")
                .append("- `").append(ModelFiles.CONFIG_FILE).append("`: the architecture, in the reference's keys\n")
                .append("- `").append(ModelFiles.WEIGHTS_FILE).append("`: the weights; its metadata records the ")
                .append("format, the enr4j version and the config's SHA-256 (`").append(ModelMetadata.configHash(c))
                .append("`)\n");
        md.append("\n## Use\n\n")
                .append("    enr novel-views MODEL photo.png --out views    # render one photo from other poses\n")
                .append("    enr convert MODEL model.pt                     # for PyTorch: the reference's ")
                .append("load_model(\"model.pt\")\n");
        return md.toString();
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    private static String layers(List<Integer> channels, List<Integer> strides) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < channels.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(channels.get(i)).append(" (").append(strides.get(i)).append(')');
        }
        return s.toString();
    }

    private static String join(List<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
