package enr4j.data.blender;

import enr4j.data.DatasetException;
import enr4j.data.synth.Background;
import enr4j.data.synth.Camera;
import enr4j.data.synth.ViewMode;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Options of {@link BlenderDatasetGenerator}. Use {@link #builder(Path)} for documented defaults; view planning
 * follows {@code enr4j.data.synth.GeneratorOptions} (same defaults, same {@link enr4j.data.synth.ViewPlanner}).
 *
 * @param meshes           folder of mesh files (searched recursively, see {@link MeshFiles})
 * @param trainScenes      meshes rendered into {@code train/}
 * @param valScenes        meshes rendered into {@code val/}
 * @param testScenes       meshes rendered into {@code test/}; the three add up to the number of meshes
 * @param views            random views per train/val scene (default 50)
 * @param testViews        spiral views per test scene (default 251)
 * @param size             image side in pixels (default 64)
 * @param seed             base seed: the mesh-to-split shuffle and each scene's views depend only on it
 * @param mode             which camera parameters vary (default rotation)
 * @param elevationMin     degrees (default -10)
 * @param elevationMax     degrees (default 50)
 * @param translationRange per-axis translation half-range in world units (default 0.3)
 * @param background       image background (default white; transparent keeps Blender's alpha)
 * @param radius           camera distance (default {@link Camera#DEFAULT_RADIUS})
 * @param fovDegrees       field of view (default {@link Camera#fittingFov}(radius))
 * @param samples          Cycles samples per pixel (default 16)
 * @param jobs             Blender processes at once (default: available processors)
 * @param blender          the Blender program
 * @param timeout          per-mesh limit on one Blender process (default 10 minutes)
 */
public record BlenderOptions(Path meshes, int trainScenes, int valScenes, int testScenes, int views, int testViews,
                             int size, long seed, ViewMode mode, double elevationMin, double elevationMax,
                             double translationRange, Background background, double radius, double fovDegrees,
                             int samples, int jobs, BlenderExecutable blender, Duration timeout) {

    /** Validates every field with a one-line message naming it. */
    public BlenderOptions {
        if (meshes == null || mode == null || background == null || blender == null || timeout == null) {
            throw new DatasetException("meshes, mode, background, blender and timeout are required");
        }
        if (trainScenes < 0 || valScenes < 0 || testScenes < 0 || trainScenes + valScenes + testScenes == 0) {
            throw new DatasetException("scene counts must be >= 0 and not all zero, got train " + trainScenes
                    + ", val " + valScenes + ", test " + testScenes);
        }
        if (views < 2 || testViews < 2) {
            throw new DatasetException("views per scene must be >= 2, got views " + views + ", test views " + testViews);
        }
        if (size < 1 || samples < 1 || jobs < 1) {
            throw new DatasetException("size, samples and jobs must be positive, got " + size + ", " + samples + ", "
                    + jobs);
        }
        if (!(radius > 1) || !(fovDegrees > 0 && fovDegrees < 180)) {
            throw new DatasetException("camera radius must be > 1 and fov in (0, 180), got radius " + radius
                    + ", fov " + fovDegrees);
        }
        if (!(elevationMin <= elevationMax) || elevationMin < -90 || elevationMax > 90) {
            throw new DatasetException("invalid elevation range [" + elevationMin + ", " + elevationMax + "]");
        }
        if (!(translationRange >= 0)) {
            throw new DatasetException("translation range must be >= 0, got " + translationRange);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new DatasetException("timeout must be positive, got " + timeout);
        }
    }

    /** @return total scenes over all splits */
    public int totalScenes() {
        return trainScenes + valScenes + testScenes;
    }

    /** @return Cycles threads per Blender process: the cores shared out among the jobs */
    public int threadsPerJob() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / jobs);
    }

    /** @return a builder with the documented defaults */
    public static Builder builder(Path meshes) {
        return new Builder(meshes);
    }

    /** Mutable builder with defaults; {@link #build()} validates. */
    public static final class Builder {
        private final Path meshes;
        private int trainScenes = -1;
        private int valScenes;
        private int testScenes;
        private int views = 50;
        private int testViews = 251;
        private int size = 64;
        private long seed;
        private ViewMode mode = ViewMode.ROTATION;
        private double elevationMin = -10;
        private double elevationMax = 50;
        private double translationRange = 0.3;
        private Background background = Background.WHITE;
        private double radius = Camera.DEFAULT_RADIUS;
        private double fovDegrees = Double.NaN;
        private int samples = 16;
        private int jobs = Runtime.getRuntime().availableProcessors();
        private Path blender;
        private Duration timeout = Duration.ofMinutes(10);

        private Builder(Path meshes) {
            this.meshes = meshes;
        }

        /** Scene counts of the train, val and test splits (default: every mesh in train). */
        public Builder scenes(int train, int val, int test) {
            trainScenes = train;
            valScenes = val;
            testScenes = test;
            return this;
        }

        public Builder views(int value) {
            views = value;
            return this;
        }

        public Builder testViews(int value) {
            testViews = value;
            return this;
        }

        public Builder size(int value) {
            size = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder mode(ViewMode value) {
            mode = value;
            return this;
        }

        public Builder elevationRange(double min, double max) {
            elevationMin = min;
            elevationMax = max;
            return this;
        }

        public Builder translationRange(double value) {
            translationRange = value;
            return this;
        }

        public Builder background(Background value) {
            background = value;
            return this;
        }

        public Builder radius(double value) {
            radius = value;
            return this;
        }

        /** Field of view in degrees; when unset, the fov that just fits the unit sphere at the radius. */
        public Builder fovDegrees(double value) {
            fovDegrees = value;
            return this;
        }

        public Builder samples(int value) {
            samples = value;
            return this;
        }

        public Builder jobs(int value) {
            jobs = value;
            return this;
        }

        /** The Blender program; null (default) searches the PATH. */
        public Builder blender(Path value) {
            blender = value;
            return this;
        }

        public Builder timeout(Duration value) {
            timeout = value;
            return this;
        }

        /**
         * @return validated options; locates Blender and, when no split was given, lists the meshes to put them all
         *         in train
         */
        public BlenderOptions build() {
            if (!(radius > 1)) {
                throw new DatasetException("camera radius must be > 1, got " + radius);
            }
            double fov = Double.isNaN(fovDegrees) ? Camera.fittingFov(radius) : fovDegrees;
            int train = trainScenes >= 0 ? trainScenes : MeshFiles.list(meshes).size();
            return new BlenderOptions(meshes, train, valScenes, testScenes, views, testViews, size, seed, mode,
                    elevationMin, elevationMax, translationRange, background, radius, fov, samples, jobs,
                    BlenderExecutable.locate(blender), timeout);
        }
    }
}
