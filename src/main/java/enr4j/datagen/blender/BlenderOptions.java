package enr4j.datagen.blender;

import enr4j.data.DatasetException;
import enr4j.datagen.synth.Category;
import enr4j.datagen.synth.GeneratorOptions;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Options of {@link BlenderDatasetGenerator}: the view plan is exactly {@code enr dataset generate}'s
 * ({@link GeneratorOptions} for category {@code obj}: splits, views, size, seed, mode, ranges, background, camera
 * radius and field of view; its {@code threads} is the number of Blender processes at once), plus what only Blender
 * needs.
 *
 * @param plan    the view plan; {@code plan.objFolder()} is the folder of mesh files (searched recursively, see
 *                {@link MeshFiles}); the split counts add up to the number of meshes
 * @param samples Cycles samples per pixel (default 16)
 * @param blender the Blender program
 * @param timeout per-mesh limit on one Blender process (default 10 minutes)
 */
public record BlenderOptions(GeneratorOptions plan, int samples, BlenderExecutable blender, Duration timeout) {

    /** Validates every field with a one-line message naming it. */
    public BlenderOptions {
        if (plan == null || blender == null || timeout == null) {
            throw new DatasetException("plan, blender and timeout are required");
        }
        if (plan.category() != Category.OBJ) {
            throw new DatasetException("the Blender pipeline renders mesh files: the plan's category must be obj, got "
                    + plan.category());
        }
        if (samples < 1) {
            throw new DatasetException("samples must be positive, got " + samples);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new DatasetException("timeout must be positive, got " + timeout);
        }
    }

    /** A plan for the meshes of {@code meshes} (defaults of {@code enr dataset generate}, 64 px), every mesh in train. */
    public static GeneratorOptions.Builder plan(Path meshes) {
        return GeneratorOptions.builder(Category.OBJ).objFolder(meshes).size(64)
                .scenes(MeshFiles.list(meshes).size(), 0, 0);
    }

    /** Options with 16 samples, Blender found on the PATH (or at {@code blender}) and a 10-minute limit per mesh. */
    public static BlenderOptions of(GeneratorOptions plan, Path blender) {
        return new BlenderOptions(plan, 16, BlenderExecutable.locate(blender), Duration.ofMinutes(10));
    }

    public BlenderOptions withSamples(int value) {
        return new BlenderOptions(plan, value, blender, timeout);
    }

    public BlenderOptions withTimeout(Duration value) {
        return new BlenderOptions(plan, samples, blender, value);
    }

    /** @return the folder of mesh files */
    public Path meshes() {
        return plan.objFolder();
    }

    /** @return Blender processes at once */
    public int jobs() {
        return plan.threads();
    }

    /** @return total scenes over all splits */
    public int totalScenes() {
        return plan.trainScenes() + plan.valScenes() + plan.testScenes();
    }

    /** @return Cycles threads per Blender process: the cores shared out among the jobs */
    public int threadsPerJob() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / jobs());
    }
}
