package enr4j.eval;

import enr4j.data.DatasetException;
import enr4j.data.PoseReading;
import enr4j.data.ReaderOptions;
import enr4j.data.SceneDataset;
import java.nio.file.Path;

/** Opens test sets for evaluation: all views kept (251-view spirals are odd). */
public final class TestSets {
    private TestSets() {}

    /**
     * Opens {@code root} with {@link ReaderOptions#evaluation} at the model's image size (the same crop rule as
     * training: the reference's 128 px, or the whole image when it is smaller).
     *
     * @param imageSize the model's image size
     * @throws DatasetException naming the folder or file when it is not a dataset
     */
    public static SceneDataset open(Path root, int imageSize) {
        return open(root, imageSize, PoseReading.DEFAULT);
    }

    /** As {@link #open(Path, int)}, reading camera parameters as {@code poses} says. */
    public static SceneDataset open(Path root, int imageSize, PoseReading poses) {
        return SceneDataset.open(root, ReaderOptions.evaluation(imageSize).withPoses(poses));
    }
}
