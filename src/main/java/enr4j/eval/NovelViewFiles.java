package enr4j.eval;

import java.nio.file.Path;

/**
 * What {@link NovelViewJob} wrote.
 *
 * @param input  the model-sized input image (PNG)
 * @param grid   all rendered frames tiled (PNG)
 * @param gif    the looping animation (GIF)
 * @param frames number of frames rendered
 */
public record NovelViewFiles(Path input, Path grid, Path gif, int frames) {
}
