package enr4j.datagen.blender;

import enr4j.io.FileTrees;

import enr4j.data.DatasetException;
import enr4j.data.DatasetWriter;
import enr4j.data.Seeds;
import enr4j.datagen.synth.ViewPlanner;
import enr4j.geometry.CameraPose;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Renders real meshes with headless Blender into a dataset in the reference format: {@code <out>/train},
 * {@code <out>/val}, {@code <out>/test} (splits with scenes only), one scene folder per mesh.
 *
 * <p>Java plans everything: the meshes are shuffled with {@code Seeds.derive(seed, -1)} and dealt to train, val and
 * test in that order; scene i (numbered across splits) is named {@code NNNNN_<mesh stem>} and gets its views from
 * {@link ViewPlanner} with {@code Seeds.derive(~seed, i)}, as {@code enr4j.datagen.synth.DatasetGenerator} does.
 * Each mesh becomes one {@link BlenderJob} run by one Blender process ({@link BlenderOptions#jobs()} at once);
 * Blender renders transparent PNGs into a temporary folder and Java writes the scene through {@link DatasetWriter}
 * (background composited by {@link Backgrounds}, {@code render_params.json} in degrees, translations in the
 * translating modes), so a scene folder with a parameters file is complete. A mesh Blender cannot import is skipped
 * and reported; the run goes on.
 */
public final class BlenderDatasetGenerator {

    private BlenderDatasetGenerator() {
    }

    /**
     * Generates the dataset.
     *
     * @param options  what to render
     * @param out      output folder (created; scene folders of the same name are overwritten)
     * @param progress receives one line per mesh (rendered or skipped, with the reason)
     * @return counts, skipped meshes and throughput
     * @throws DatasetException when the mesh count does not match the split, or on write failure
     */
    public static BlenderSummary generate(BlenderOptions options, Path out, Consumer<String> progress) {
        long start = System.nanoTime();
        List<Path> meshes = MeshFiles.list(options.meshes());
        int total = options.totalScenes();
        if (meshes.size() != total) {
            throw new DatasetException("the split has " + total + " scenes but " + options.meshes() + " holds "
                    + meshes.size() + " meshes");
        }
        int[] order = Seeds.permutation(total, Seeds.derive(options.plan().seed(), -1));
        ViewPlanner planner = new ViewPlanner(options.plan().mode(), options.plan().elevationMin(), options.plan().elevationMax(),
                options.plan().translationRange());
        boolean translates = options.plan().mode().translates();
        DatasetWriter[] writers = {
            new DatasetWriter(out.resolve("train"), translates),
            new DatasetWriter(out.resolve("val"), translates),
            new DatasetWriter(out.resolve("test"), translates)};
        Path staging = createStaging();
        Path script = RenderScript.writeTo(staging);
        List<SkippedMesh> skipped = Collections.synchronizedList(new ArrayList<>());
        AtomicLong images = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(options.jobs());
        try {
            List<Future<?>> futures = new ArrayList<>(total);
            for (int i = 0; i < total; i++) {
                int scene = i;
                Path mesh = meshes.get(order[i]);
                int split = i < options.plan().trainScenes() ? 0 : i < options.plan().trainScenes() + options.plan().valScenes() ? 1 : 2;
                futures.add(pool.submit(() -> {
                    String name = String.format("%05d_%s", scene, MeshFiles.stem(mesh));
                    SplittableRandom viewRandom = Seeds.derive(~options.plan().seed(), scene);
                    List<CameraPose> views = split == 2
                            ? planner.spiralViews(options.plan().testViews(), viewRandom)
                            : planner.randomViews(options.plan().views(), viewRandom);
                    SkippedMesh failure = renderScene(options, mesh, name, views, staging.resolve(name), script,
                            writers[split]);
                    if (failure == null) {
                        images.addAndGet(views.size());
                        progress.accept("rendered " + mesh.getFileName() + " -> " + writers[split].root().getFileName()
                                + "/" + name + " (" + views.size() + " views)");
                    } else {
                        skipped.add(failure);
                        progress.accept("skipped " + failure);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatasetException("Blender dataset generation interrupted", e);
        } catch (ExecutionException e) {
            throw DatasetException.rethrow("Blender dataset generation failed", e.getCause());
        } finally {
            pool.shutdownNow();
            FileTrees.deleteQuietly(staging);
        }
        List<SkippedMesh> sortedSkips = new ArrayList<>(skipped);
        sortedSkips.sort(Comparator.comparing(SkippedMesh::mesh));
        return new BlenderSummary(total - sortedSkips.size(), sortedSkips, images.get(),
                (System.nanoTime() - start) / 1e9);
    }

    /** Renders one mesh and writes its scene; returns null on success, the reason otherwise. */
    private static SkippedMesh renderScene(BlenderOptions options, Path mesh, String name, List<CameraPose> views,
                                           Path work, Path script, DatasetWriter writer) {
        Path pngs = work.resolve("png");
        BlenderJob job = BlenderJob.plan(mesh, pngs, options.plan().size(), options.plan().radius(), options.plan().fovDegrees(),
                options.samples(), options.threadsPerJob(), views);
        Path jobFile = work.resolve("job.json");
        job.write(jobFile);
        BlenderProcess.Result result = BlenderProcess.run(options.blender(), script, jobFile, options.timeout());
        if (!result.ok()) {
            return new SkippedMesh(mesh, result.error());
        }
        List<BufferedImage> rendered = new ArrayList<>(views.size());
        for (BlenderView view : job.views()) {
            Path png = pngs.resolve(view.png());
            if (!Files.isRegularFile(png)) {
                return new SkippedMesh(mesh, "Blender exited normally but wrote no " + png);
            }
            rendered.add(Backgrounds.read(png, options.plan().background()));
        }
        writer.writeScene(name, rendered, job.params());
        FileTrees.deleteQuietly(work);
        return null;
    }

    private static Path createStaging() {
        try {
            return Files.createTempDirectory("enr4j-blender-");
        } catch (IOException e) {
            throw new DatasetException("cannot create a temporary folder for Blender: " + e.getMessage(), e);
        }
    }
}
