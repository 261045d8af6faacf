package enr4j.data;

import enr4j.geometry.CameraPose;
import java.nio.file.Path;
import java.util.List;

/**
 * One scene folder: its images (sorted by file name) and their camera poses (same order).
 *
 * @param name   folder name
 * @param folder folder path
 * @param images image files, sorted by name
 * @param views  pose of each image, same order as {@code images}
 */
public record Scene(String name, Path folder, List<Path> images, List<CameraPose> views) {

    /** Makes immutable copies of the lists. */
    public Scene {
        images = List.copyOf(images);
        views = List.copyOf(views);
    }

    /** @return number of views in this scene */
    public int viewCount() {
        return images.size();
    }
}
