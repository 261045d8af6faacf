package enr4j.datagen.synth;

import enr4j.data.DatasetException;
import enr4j.data.DatasetWriter;
import enr4j.data.Seeds;
import enr4j.geometry.CameraPose;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Renders a procedural (or OBJ) dataset in the reference format: {@code <out>/train}, {@code <out>/val},
 * {@code <out>/test} (only splits with scenes), one folder per scene named {@code <category>_<NNNNN>} with
 * NNNNN numbered across splits (train first, then val, then test).
 *
 * <p>Scenes are rendered in parallel on {@link GeneratorOptions#threads()} threads. Scene i's mesh comes from
 * {@code Seeds.derive(seed, i)} and its views from {@code Seeds.derive(~seed, i)}, so the output is
 * identical for any thread count. Category obj uses file {@code i mod n} of the folder's sorted OBJ files.
 */
public final class DatasetGenerator {

    private DatasetGenerator() {
    }

    /**
     * Generates the dataset.
     *
     * @param options what to render
     * @param out     output folder (created; existing scene folders are overwritten)
     * @return counts and throughput
     * @throws DatasetException on invalid input (e.g. a malformed OBJ) or write failure
     */
    public static GenerationSummary generate(GeneratorOptions options, Path out) {
        long start = System.nanoTime();
        List<Path> objFiles = options.category() == Category.OBJ ? listObjFiles(options.objFolder()) : List.of();
        ViewPlanner planner = new ViewPlanner(options.mode(), options.elevationMin(), options.elevationMax(),
                options.translationRange());
        RenderSettings settings = new RenderSettings(options.size(), options.supersampling(), options.background(),
                options.lightsFollowCamera(), true);
        DatasetWriter[] writers = {
            new DatasetWriter(out.resolve("train"), options.mode().translates()),
            new DatasetWriter(out.resolve("val"), options.mode().translates()),
            new DatasetWriter(out.resolve("test"), options.mode().translates())};
        int total = options.totalScenes();
        ThreadLocal<Renderer> renderers = ThreadLocal.withInitial(Renderer::new);
        ForkJoinPool pool = new ForkJoinPool(workers(options, Runtime.getRuntime().maxMemory()));
        try {
            pool.submit(() -> IntStream.range(0, total).parallel().forEach(i -> {
                int split = i < options.trainScenes() ? 0 : i < options.trainScenes() + options.valScenes() ? 1 : 2;
                Mesh mesh = objFiles.isEmpty()
                        ? options.category().generator().generate(Seeds.derive(options.seed(), i))
                        : ObjLoader.load(objFiles.get(i % objFiles.size()));
                SplittableRandom viewRandom = Seeds.derive(~options.seed(), i);
                List<CameraPose> views = split == 2
                        ? planner.spiralViews(options.testViews(), viewRandom)
                        : planner.randomViews(options.views(), viewRandom);
                List<BufferedImage> images = new ArrayList<>(views.size());
                Renderer renderer = renderers.get();
                for (CameraPose v : views) {
                    Camera camera = new Camera(v.azimuth(), v.elevation(), v.translation(), options.radius(),
                            options.fovDegrees());
                    images.add(renderer.render(mesh, camera, settings));
                }
                writers[split].writeScene(String.format("%s_%05d", options.category().id(), i), images, views);
            })).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatasetException("dataset generation interrupted", e);
        } catch (ExecutionException e) {
            throw DatasetException.rethrow("dataset generation failed", e.getCause());
        } finally {
            awaitQuiescence(pool);
        }
        long images = (long) (options.trainScenes() + options.valScenes()) * options.views()
                + (long) options.testScenes() * options.testViews();
        return new GenerationSummary(total, images, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Threads that fit the heap: {@link GeneratorOptions#threads()} at most, each holding {@link #bytesPerWorker}.
     *
     * @throws DatasetException when not even one scene fits, naming the estimate
     */
    static int workers(GeneratorOptions options, long maxHeapBytes) {
        long budget = maxHeapBytes / 4 * 3;
        long perWorker = bytesPerWorker(options);
        if (perWorker > budget) {
            throw new DatasetException(String.format(java.util.Locale.ROOT, "rendering one scene of %d views at %d px"
                    + " needs about %d MiB, more than the %d MiB of Java heap available: use a smaller size or fewer"
                    + " views, or a larger heap (-Xmx, e.g. through ENR_JAVA_OPTS)", maxViews(options), options.size(),
                    perWorker >> 20, budget >> 20));
        }
        return (int) Math.max(1, Math.min(options.threads(), budget / perWorker));
    }

    /** Heap one worker holds at once, in bytes: its renderer's supersampled buffers and one scene's images. */
    static long bytesPerWorker(GeneratorOptions options) {
        long pixels = (long) options.size() * options.size();
        long samples = pixels * options.supersampling() * options.supersampling();
        return samples * Renderer.BYTES_PER_SAMPLE + (maxViews(options) + 2L) * pixels * Integer.BYTES;
    }

    private static int maxViews(GeneratorOptions options) {
        int views = options.trainScenes() + options.valScenes() > 0 ? options.views() : 0;
        return Math.max(views, options.testScenes() > 0 ? options.testViews() : 0);
    }

    /** Stops the pool and waits for scenes still being written after another scene failed. */
    private static void awaitQuiescence(ForkJoinPool pool) {
        pool.shutdown();
        try {
            pool.awaitTermination(1, TimeUnit.HOURS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<Path> listObjFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> objs = files.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
                    .endsWith(".obj")).sorted().toList();
            if (objs.isEmpty()) {
                throw new DatasetException("no .obj files in " + folder);
            }
            return objs;
        } catch (IOException e) {
            throw new DatasetException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }
}
