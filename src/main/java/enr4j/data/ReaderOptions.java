package enr4j.data;

/**
 * How a {@link SceneDataset} is read and how its images are preprocessed.
 *
 * @param imageSize       side of the square output images (the model's image size)
 * @param cropSize        side of the centre crop applied before resizing (reference: 128)
 * @param poses           how camera parameters are read (degrees or radians; translations used or not)
 * @param allowOdd        keep the last view when the view count is odd (test sets of 251 views);
 *                        when false an odd last view is dropped, as the reference does for training
 */
public record ReaderOptions(int imageSize, int cropSize, PoseReading poses, boolean allowOdd) {

    /** Reference default crop size. */
    public static final int DEFAULT_CROP_SIZE = 128;

    /** Validates sizes. */
    public ReaderOptions {
        java.util.Objects.requireNonNull(poses, "poses");
        if (imageSize <= 0) {
            throw new DatasetException("imageSize must be positive, got " + imageSize);
        }
        if (cropSize <= 0) {
            throw new DatasetException("cropSize must be positive, got " + cropSize);
        }
    }

    /** Training defaults: crop 128, degrees, odd last view dropped. */
    public static ReaderOptions training(int imageSize) {
        return new ReaderOptions(imageSize, DEFAULT_CROP_SIZE, PoseReading.DEFAULT, false);
    }

    /** Evaluation defaults: crop 128, degrees, all views kept. */
    public static ReaderOptions evaluation(int imageSize) {
        return new ReaderOptions(imageSize, DEFAULT_CROP_SIZE, PoseReading.DEFAULT, true);
    }

    /** @return a copy with the given crop size */
    public ReaderOptions withCropSize(int newCropSize) {
        return new ReaderOptions(imageSize, newCropSize, poses, allowOdd);
    }

    /** @return a copy reading angles as radians */
    public ReaderOptions withAnglesInRadians(boolean radians) {
        return withPoses(new PoseReading(radians, poses.ignoreTranslations()));
    }

    /** @return a copy reading camera parameters as {@code reading} says */
    public ReaderOptions withPoses(PoseReading reading) {
        return new ReaderOptions(imageSize, cropSize, reading, allowOdd);
    }

    /** @return a copy with the given odd-count policy */
    public ReaderOptions withAllowOdd(boolean keepOdd) {
        return new ReaderOptions(imageSize, cropSize, poses, keepOdd);
    }
}
