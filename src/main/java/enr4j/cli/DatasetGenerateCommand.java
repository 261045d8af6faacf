package enr4j.cli;

import enr4j.datagen.synth.Category;
import enr4j.datagen.synth.DatasetGenerator;
import enr4j.datagen.synth.GenerationSummary;
import enr4j.datagen.synth.GeneratorOptions;
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

    @Option(names = "--size", defaultValue = "128", description = "image side in pixels (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--split", defaultValue = "1:0:0",
            description = {"train:val:test as fractions of --scenes (e.g. 0.8:0.1:0.1; val and test rounded, train"
                    + " takes the rest) or as counts adding up to --scenes (e.g. 8:1:1) (default: ${DEFAULT-VALUE})"})
    String split;

    @Option(names = "--obj-folder", description = "folder of .obj files for --category obj")
    Path objFolder;

    @Option(names = "--out", description = "output folder (default: data/<category>)")
    Path out;

    @Option(names = "--threads", description = "worker threads (default: all cores)")
    Integer threads;

    @Mixin
    ViewOptions view;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        OptionBounds.check("--scenes", scenes, 1, OptionBounds.MAX_SCENES);
        view.check();
        OptionBounds.check("--size", size, 1, GeneratorOptions.MAX_SIZE);
        OptionBounds.checkIfGiven("--threads", threads, 1, OptionBounds.MAX_WORKERS);
        Category cat = Category.parse(category);
        SplitSpec counts = SplitSpec.parse(split, scenes);
        GeneratorOptions.Builder builder = view.applyTo(GeneratorOptions.builder(cat)
                .scenes(counts.train(), counts.val(), counts.test()).size(size));
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
        ViewOptions.printSceneExtent(options);
        return 0;
    }
}
