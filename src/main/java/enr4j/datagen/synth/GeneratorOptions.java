package enr4j.datagen.synth;

import enr4j.data.DatasetException;
import java.nio.file.Path;

/**
 * Options of {@link DatasetGenerator}. Use {@link #builder(Category)} for documented defaults.
 *
 * @param category           object category ({@link Category#OBJ} renders the OBJ files of {@code objFolder})
 * @param objFolder          folder of {@code .obj} files for category obj (null otherwise)
 * @param trainScenes        scenes in {@code train/} (0 skips the split)
 * @param valScenes          scenes in {@code val/} (0 skips the split)
 * @param testScenes         scenes in {@code test/} (0 skips the split)
 * @param views              random views per train/val scene (default 50, as the reference datasets)
 * @param testViews          spiral views per test scene (default 251, source view 64)
 * @param size               image side in pixels (default 128)
 * @param seed               base seed; scene i (numbered across train, val, test) depends only on (seed, i)
 * @param mode               which camera parameters vary (default rotation)
 * @param elevationMin       degrees (default -10)
 * @param elevationMax       degrees (default 50)
 * @param translationRange   per-axis translation half-range in world units (default 0.3)
 * @param background         image background (default white)
 * @param radius             camera distance (default 1.5)
 * @param fovDegrees         field of view (default {@link Camera#fittingFov}(radius) = 83.6 degrees for r = 1.5)
 * @param supersampling      samples per pixel side (default 3)
 * @param lightsFollowCamera lights fixed to the camera (true) or the world (default false)
 * @param threads            worker threads (default: available processors); output does not depend on it
 */
public record GeneratorOptions(Category category, Path objFolder, int trainScenes, int valScenes, int testScenes,
                               int views, int testViews, int size, long seed, ViewMode mode,
                               double elevationMin, double elevationMax, double translationRange,
                               Background background, double radius, double fovDegrees, int supersampling,
                               boolean lightsFollowCamera, int threads) {
    /** Largest image side in pixels: beyond it a supersampled frame no longer fits the renderer's buffers. */
    public static final int MAX_SIZE = 4096;
    /** Most samples per pixel side. */
    public static final int MAX_SUPERSAMPLING = 8;

    /** Validates every field with a one-line message naming it. */
    public GeneratorOptions {
        if (category == null || mode == null || background == null) {
            throw new DatasetException("category, mode and background are required");
        }
        if (category == Category.OBJ && (objFolder == null || !java.nio.file.Files.isDirectory(objFolder))) {
            throw new DatasetException("category obj needs an existing folder of OBJ files, got " + objFolder);
        }
        if (trainScenes < 0 || valScenes < 0 || testScenes < 0 || trainScenes + valScenes + testScenes == 0) {
            throw new DatasetException("scene counts must be >= 0 and not all zero, got train " + trainScenes
                    + ", val " + valScenes + ", test " + testScenes);
        }
        if (views < 2 || testViews < 2) {
            throw new DatasetException("views per scene must be >= 2, got views " + views + ", test views " + testViews);
        }
        if (size < 1 || supersampling < 1 || threads < 1) {
            throw new DatasetException("size, supersampling and threads must be positive, got " + size + ", "
                    + supersampling + ", " + threads);
        }
        if (size > MAX_SIZE || supersampling > MAX_SUPERSAMPLING) {
            throw new DatasetException("image size must be at most " + MAX_SIZE + " pixels and supersampling at most "
                    + MAX_SUPERSAMPLING + ", got " + size + " and " + supersampling);
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
    }

    /** @return total scenes over all splits */
    public int totalScenes() {
        return trainScenes + valScenes + testScenes;
    }

    /** @return a builder with the documented defaults (1 training scene) */
    public static Builder builder(Category category) {
        return new Builder(category);
    }

    /** Mutable builder with defaults; {@link #build()} validates. */
    public static final class Builder {
        private final Category category;
        private Path objFolder;
        private int trainScenes = 1;
        private int valScenes;
        private int testScenes;
        private int views = 50;
        private int testViews = 251;
        private int size = 128;
        private long seed;
        private ViewMode mode = ViewMode.ROTATION;
        private double elevationMin = -10;
        private double elevationMax = 50;
        private double translationRange = 0.3;
        private Background background = Background.WHITE;
        private double radius = Camera.DEFAULT_RADIUS;
        private double fovDegrees = Double.NaN;
        private int supersampling = 3;
        private boolean lightsFollowCamera;
        private int threads = Runtime.getRuntime().availableProcessors();

        private Builder(Category category) {
            this.category = category;
        }

        public Builder objFolder(Path value) {
            objFolder = value;
            return this;
        }

        /** Scene counts of the train, val and test splits. */
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

        public Builder supersampling(int value) {
            supersampling = value;
            return this;
        }

        public Builder lightsFollowCamera(boolean value) {
            lightsFollowCamera = value;
            return this;
        }

        public Builder threads(int value) {
            threads = value;
            return this;
        }

        /** @return validated options */
        public GeneratorOptions build() {
            if (!(radius > 1)) {
                throw new DatasetException("camera radius must be > 1, got " + radius);
            }
            double fov = Double.isNaN(fovDegrees) ? Camera.fittingFov(radius) : fovDegrees;
            return new GeneratorOptions(category, objFolder, trainScenes, valScenes, testScenes, views, testViews,
                    size, seed, mode, elevationMin, elevationMax, translationRange, background, radius, fov,
                    supersampling, lightsFollowCamera, threads);
        }
    }
}
