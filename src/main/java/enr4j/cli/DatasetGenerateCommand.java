package enr4j.cli;

import enr4j.datagen.synth.Background;
import enr4j.datagen.synth.Category;
import enr4j.datagen.synth.DatasetGenerator;
import enr4j.datagen.synth.GenerationSummary;
import enr4j.datagen.synth.GeneratorOptions;
import enr4j.datagen.synth.ViewMode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code enr dataset generate}: a synthetic dataset in the reference format. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Render a synthetic dataset in the reference's format (OUT/train, OUT/val, OUT/test).",
                "Train and val scenes get --views random views; test scenes get --test-views views on a spiral"
                        + " (251 by default, source view 64, as the ShapeNet test sets)."})
final class DatasetGenerateCommand implements Callable<Integer> {
    @Option(names = "--category", required = true, description = "chairs, mugs, bowls, cars, tables or obj")
    String category;

    @Option(names = "--scenes", required = true, description = "total scenes over all splits")
    int scenes;

    @Option(names = "--views", defaultValue = "50", description = "views per train/val scene (default: ${DEFAULT-VALUE})")
    int views;

    @Option(names = "--test-views", defaultValue = "251", description = "spiral views per test scene (default: ${DEFAULT-VALUE})")
    int testViews;

    @Option(names = "--size", defaultValue = "128", description = "image side in pixels (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--split", defaultValue = "1:0:0",
            description = {"train:val:test as fractions of --scenes (e.g. 0.8:0.1:0.1; val and test rounded, train"
                    + " takes the rest) or as counts adding up to --scenes (e.g. 8:1:1) (default: ${DEFAULT-VALUE})"})
    String split;

    @Option(names = "--seed", defaultValue = "0", description = "base seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--mode", defaultValue = "rotation",
            description = "rotation, translation or rototranslation (default: ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--elevation", defaultValue = "-10:50", description = "MIN:MAX camera elevation, degrees (default: ${DEFAULT-VALUE})")
    String elevation;

    @Option(names = "--translation", defaultValue = "0.3", description = "per-axis translation half-range (default: ${DEFAULT-VALUE})")
    double translation;

    @Option(names = "--background", defaultValue = "white", description = "white, black, transparent, R,G,B (each 0-255) or #rrggbb (default: ${DEFAULT-VALUE})")
    String background;

    @Option(names = "--obj-folder", description = "folder of .obj files for --category obj")
    Path objFolder;

    @Option(names = "--out", description = "output folder (default: data/<category>)")
    Path out;

    @Option(names = "--threads", description = "worker threads (default: all cores)")
    Integer threads;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        OptionBounds.check("--scenes", scenes, 1, OptionBounds.MAX_SCENES);
        OptionBounds.check("--views", views, 2, OptionBounds.MAX_VIEWS);
        OptionBounds.check("--test-views", testViews, 2, OptionBounds.MAX_VIEWS);
        OptionBounds.check("--size", size, 1, GeneratorOptions.MAX_SIZE);
        OptionBounds.checkIfGiven("--threads", threads, 1, OptionBounds.MAX_WORKERS);
        Category cat = Category.parse(category);
        SplitSpec counts = SplitSpec.parse(split, scenes);
        double[] range = elevationRange(elevation);
        GeneratorOptions.Builder builder = GeneratorOptions.builder(cat).scenes(counts.train(), counts.val(), counts.test())
                .views(views).testViews(testViews).size(size).seed(seed).mode(ViewMode.parse(mode))
                .elevationRange(range[0], range[1]).translationRange(translation)
                .background(Background.parse(background));
        if (objFolder != null) {
            builder.objFolder(objFolder);
        }
        if (threads != null) {
            builder.threads(threads);
        }
        Path target = out == null ? Path.of("data", cat.id()) : out;
        GeneratorOptions options = builder.build();
        output.checkFolder(target, "--out");
        System.out.printf(Locale.ROOT, "generating %s: %d train, %d val, %d test scenes at %d px into %s%n",
                cat.id(), counts.train(), counts.val(), counts.test(), size, target);
        GenerationSummary summary = output.replaceFolder(target, "--out",
                dir -> DatasetGenerator.generate(options, dir), objFolder);
        System.out.printf(Locale.ROOT, "wrote %d scenes, %d images in %.1f s (%.1f images/s)%n", summary.scenes(),
                summary.images(), summary.seconds(), summary.imagesPerSecond());
        if (options.mode() != ViewMode.ROTATION) {
            System.out.printf(Locale.ROOT, "translations are in world units: put \"scene_extent\": %.4f in the model "
                    + "config (camera radius %.2f, field of view %.1f degrees; see docs/UNITS.md)%n",
                    enr4j.geometry.SceneUnits.extent(options.radius(), options.fovDegrees()), options.radius(),
                    options.fovDegrees());
        }
        return 0;
    }

    /** {@code --elevation MIN:MAX}, in degrees. */
    static double[] elevationRange(String text) {
        String[] parts = text.split(":");
        try {
            if (parts.length == 2) {
                return new double[] {Double.parseDouble(parts[0].strip()), Double.parseDouble(parts[1].strip())};
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("--elevation must be MIN:MAX in degrees, e.g. -10:50, got '" + text + "'");
    }
}
