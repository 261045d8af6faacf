package enr4j.cli;

import enr4j.datagen.synth.Background;
import enr4j.datagen.synth.GeneratorOptions;
import enr4j.datagen.synth.ViewMode;
import enr4j.geometry.SceneUnits;
import java.util.Locale;
import picocli.CommandLine.Option;

/** How both dataset generators place their cameras and paint the background: the options they share (each keeps its own --size default). */
final class ViewOptions {
    @Option(names = "--views", defaultValue = "50", description = "views per train/val scene (default: ${DEFAULT-VALUE})")
    int views;

    @Option(names = "--test-views", defaultValue = "251", description = "spiral views per test scene (default: ${DEFAULT-VALUE})")
    int testViews;

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

    /** Checks the counts and the elevation range before anything is written. */
    void check() {
        OptionBounds.check("--views", views, 2, OptionBounds.MAX_VIEWS);
        OptionBounds.check("--test-views", testViews, 2, OptionBounds.MAX_VIEWS);
        elevationRange(elevation);
    }

    /** Sets views, seed, mode, elevations, translations and background on {@code builder}. */
    GeneratorOptions.Builder applyTo(GeneratorOptions.Builder builder) {
        double[] range = elevationRange(elevation);
        return builder.views(views).testViews(testViews).seed(seed).mode(ViewMode.parse(mode))
                .elevationRange(range[0], range[1]).translationRange(translation)
                .background(Background.parse(background));
    }

    /** For datasets with translations: the {@code scene_extent} their models need. */
    static void printSceneExtent(GeneratorOptions options) {
        if (options.mode() != ViewMode.ROTATION) {
            System.out.printf(Locale.ROOT, "translations are in world units: put \"scene_extent\": %.4f in the model "
                    + "config (camera radius %.2f, field of view %.1f degrees; see docs/UNITS.md)%n",
                    SceneUnits.extent(options.radius(), options.fovDegrees()), options.radius(), options.fovDegrees());
        }
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
