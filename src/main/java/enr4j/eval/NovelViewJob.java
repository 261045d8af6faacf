package enr4j.eval;

import enr4j.data.ImageInput;
import enr4j.viz.AnimatedGif;
import enr4j.viz.CameraShift;
import enr4j.viz.ImageGrid;
import enr4j.viz.Images;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Renders one image's novel views along a camera path and writes them (atomically) into a folder:
 * {@value #INPUT_FILE} (the centre-cropped, model-sized input), {@value #GRID_FILE} (every frame, tiled) and
 * {@value #GIF_FILE} (the frames as a GIF that loops forever).
 */
public final class NovelViewJob {
    public static final String INPUT_FILE = "input.png";
    public static final String GRID_FILE = "novel_views.png";
    public static final String GIF_FILE = "novel_views.gif";

    private NovelViewJob() {}

    /**
     * GIF frame delay: one loop lasts about three seconds, each frame shown 40 to 200 ms (rounded to the GIF's 10 ms).
     */
    public static Duration frameDelay(int frames) {
        long ms = Math.max(40, Math.min(200, 3000 / Math.max(1, frames)));
        return Duration.ofMillis(Math.round(ms / 10.0) * 10);
    }

    /**
     * Columns of the grid: about square, preferring a count that fills the last row (24 frames: 6 x 4, not 5 x 5).
     */
    static int imagesPerRow(int frames) {
        int square = (int) Math.ceil(Math.sqrt(frames));
        for (int columns = square; columns <= Math.min(frames, 2 * square); columns++) {
            if (frames % columns == 0) {
                return columns;
            }
        }
        return square;
    }

    /**
     * @param image  any size, upright; prepared for the model by {@link ImageInput#prepare} (a no-op for an image
     *               {@link ImageInput} already read)
     * @param shifts camera shifts from the source view, one per frame
     * @param outDir created when missing
     */
    public static NovelViewFiles run(NovelViewSource source, BufferedImage image, List<CameraShift> shifts,
                                     Path outDir) {
        BufferedImage input = ImageInput.of(source.imageSize()).prepare(image);
        List<BufferedImage> frames = PathRenderer.render(source, input, shifts);
        Path inputFile = outDir.resolve(INPUT_FILE);
        Path gridFile = outDir.resolve(GRID_FILE);
        Path gifFile = outDir.resolve(GIF_FILE);
        Images.writePng(input, inputFile);
        Images.writePng(ImageGrid.withImagesPerRow(imagesPerRow(frames.size())).tile(frames), gridFile);
        AnimatedGif.write(frames, gifFile, frameDelay(frames.size()));
        return new NovelViewFiles(inputFile, gridFile, gifFile, frames.size());
    }
}
