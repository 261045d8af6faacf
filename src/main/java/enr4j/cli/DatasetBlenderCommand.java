package enr4j.cli;

import enr4j.data.DatasetException;
import enr4j.datagen.blender.BlenderDatasetGenerator;
import enr4j.datagen.blender.BlenderOptions;
import enr4j.datagen.blender.BlenderSummary;
import enr4j.datagen.blender.FurnitureCatalog;
import enr4j.datagen.blender.MeshFiles;
import enr4j.datagen.blender.SkippedMesh;
import enr4j.datagen.synth.GeneratorOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code enr dataset blender}: real meshes rendered by headless Blender into the reference format. */
@Command(name = "blender", mixinStandardHelpOptions = true,
        description = {"Render the meshes of a folder (.obj .ply .stl .gltf .glb .dae) with headless Blender (Cycles)"
                + " into a dataset in the reference's format (OUT/train, OUT/val, OUT/test), one scene per mesh.",
                "Cameras, translations and render_params.json follow enr4j's own conventions (docs/UNITS.md,"
                        + " docs/BLENDER.md). Needs Blender: apt-get install blender."})
final class DatasetBlenderCommand implements Callable<Integer> {
    /** Most Cycles samples per pixel (Blender's own default for final renders is 4096). */
    private static final int MAX_SAMPLES = 65_536;

    @Option(names = "--meshes", required = true, description = "folder of mesh files (searched recursively), or a"
            + " Sweet Home 3D furniture library (.sh3f) or a folder of them, such as /usr/share/sweethome3d/furniture")
    Path meshes;

    @Option(names = "--match", description = "with .sh3f libraries: only models whose name, category or tags match"
            + " this regular expression, case-insensitive (e.g. chair)")
    String match;

    @Option(names = "--limit", defaultValue = "0", description = "with .sh3f libraries: at most this many models"
            + " (0: all; default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--size", defaultValue = "64", description = "image side in pixels (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--split", defaultValue = "1:0:0",
            description = "train:val:test over the meshes, as fractions or counts (default: ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--samples", defaultValue = "16", description = "Cycles samples per pixel (default: ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--jobs", description = "Blender processes at once (default: all cores)")
    Integer jobs;

    @Option(names = "--blender", description = "the Blender program (default: blender on the PATH)")
    Path blender;

    @Option(names = "--timeout", defaultValue = "600", description = "seconds allowed per mesh (default: ${DEFAULT-VALUE})")
    long timeout;

    @Option(names = "--out", defaultValue = "data/blender", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Mixin
    ViewOptions view;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        OptionBounds.check("--limit", limit, 0, OptionBounds.MAX_SCENES);
        view.check();
        OptionBounds.check("--size", size, 1, GeneratorOptions.MAX_SIZE);
        OptionBounds.check("--samples", samples, 1, MAX_SAMPLES);
        OptionBounds.checkIfGiven("--jobs", jobs, 1, OptionBounds.MAX_WORKERS);
        OptionBounds.check("--timeout", timeout, 1, Duration.ofDays(7).toSeconds());
        List<Path> libraries = FurnitureCatalog.libraries(meshes);
        checkLibraryOptions(libraries);
        BlenderSummary summary = output.replaceFolder(out, "--out", dir -> {
            BlenderSummary written = render(meshFolder(libraries, dir), dir);
            if (written.meshesOk() == 0) {
                throw new DatasetException("Blender rendered none of the meshes, so " + out + " is left as it was");
            }
            return written;
        }, meshes);
        System.out.println(summary);
        return 0;
    }

    /** Renders the meshes of {@code meshFolder} into {@code dir}, printing a line per mesh. */
    private BlenderSummary render(Path meshFolder, Path dir) {
        int count = MeshFiles.list(meshFolder).size();
        SplitSpec counts = SplitSpec.parse(split, count);
        GeneratorOptions.Builder plan = view.applyTo(BlenderOptions.plan(meshFolder)
                .scenes(counts.train(), counts.val(), counts.test()).size(size));
        if (jobs != null) {
            plan.threads(jobs);
        }
        BlenderOptions options = BlenderOptions.of(plan.build(), blender).withSamples(samples)
                .withTimeout(Duration.ofSeconds(timeout));
        System.out.printf(Locale.ROOT, "rendering %d meshes with %s: %d train, %d val, %d test scenes at %d px, %d"
                        + " Blender processes, into %s%n", count, options.blender().path(), counts.train(),
                counts.val(), counts.test(), size, options.jobs(), out);
        BlenderSummary summary = BlenderDatasetGenerator.generate(options, dir, System.out::println);
        for (SkippedMesh s : summary.skipped()) {
            System.err.println("skipped " + s.mesh() + ": " + s.reason());
        }
        ViewOptions.printSceneExtent(options.plan());
        return summary;
    }

    private void checkLibraryOptions(List<Path> libraries) {
        if (libraries.isEmpty() && (match != null || limit != 0)) {
            throw new IllegalArgumentException("--match and --limit pick models of .sh3f furniture libraries, and "
                    + meshes + " holds none");
        }
    }

    /**
     * The folder of meshes to render: {@code --meshes} itself, or the models picked from its furniture libraries,
     * extracted into {@code dir/meshes} with their credits in {@code dir/CREDITS.md}.
     */
    private Path meshFolder(List<Path> libraries, Path dir) {
        if (libraries.isEmpty()) {
            return meshes;
        }
        Path folder = dir.resolve("meshes");
        List<FurnitureCatalog.Model> models = FurnitureCatalog.select(libraries, match, limit);
        FurnitureCatalog.extract(models, folder, dir.resolve("CREDITS.md"));
        System.out.printf(Locale.ROOT, "extracted %d models from %d furniture librar%s into %s (credits: %s)%n",
                models.size(), libraries.size(), libraries.size() == 1 ? "y" : "ies", out.resolve("meshes"),
                out.resolve("CREDITS.md"));
        return folder;
    }
}
