package enr4j.eval;

import enr4j.data.DatasetException;
import enr4j.data.PngDecoder;
import enr4j.data.ReaderOptions;
import enr4j.data.SceneDataset;
import java.nio.file.Path;

/** Opens test sets for evaluation: all views kept (251-view spirals are odd), crop chosen from the images. */
public final class TestSets {
    private TestSets() {}

    /**
     * Opens {@code root} with {@link ReaderOptions#evaluation} at the model's image size. The centre crop is the
     * reference's 128 px, except for datasets whose images are smaller (e.g. 32 px generated sets): those are
     * cropped to their own size instead of being padded with black.
     *
     * @param imageSize the model's image size
     * @throws DatasetException naming the folder or file when it is not a dataset
     */
    public static SceneDataset open(Path root, int imageSize) {
        SceneDataset probe = SceneDataset.open(root, ReaderOptions.evaluation(imageSize));
        PngDecoder.RgbImage first = PngDecoder.read(probe.imageFile(0, 0));
        int side = Math.min(first.width(), first.height());
        if (side >= ReaderOptions.DEFAULT_CROP_SIZE) {
            return probe;
        }
        return SceneDataset.open(root, ReaderOptions.evaluation(imageSize).withCropSize(side));
    }
}
