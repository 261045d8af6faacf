package enr4j.data;

import enr4j.geometry.CameraPose;
import enr4j.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Writes scenes in the reference format: {@code <root>/<scene>/NNNNN.png} plus {@code render_params.json}.
 * Every file is written atomically (temp file in the same folder, then atomic rename).
 */
public final class DatasetWriter {

    private final Path root;
    private final boolean includeTranslation;

    /**
     * @param root               dataset folder (created when missing)
     * @param includeTranslation write the {@code "translation"} key for every view
     */
    public DatasetWriter(Path root, boolean includeTranslation) {
        this.root = root;
        this.includeTranslation = includeTranslation;
    }

    /** @return the dataset folder */
    public Path root() {
        return root;
    }

    /**
     * Writes one scene. Images are written first and render_params.json last, so a scene folder with a
     * parameters file is complete.
     *
     * @param sceneName folder name of the scene
     * @param images    one image per view (RGB or ARGB), index i written as {@code %05d.png}
     * @param views     parameters, same order as images
     * @return the scene folder
     */
    public Path writeScene(String sceneName, List<BufferedImage> images, List<CameraPose> views) {
        if (images.size() != views.size()) {
            throw new DatasetException("scene " + sceneName + ": " + images.size() + " images but "
                    + views.size() + " view parameters");
        }
        Path folder = root.resolve(sceneName);
        for (int i = 0; i < images.size(); i++) {
            AtomicFiles.write(folder.resolve(RenderParamsFile.indexKey(i) + ".png"), encodePng(images.get(i)));
        }
        AtomicFiles.write(folder.resolve(RenderParamsFile.FILE_NAME), RenderParamsFile.toJson(views, includeTranslation));
        return folder;
    }

    /** @return PNG bytes of {@code image} */
    public static byte[] encodePng(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new DatasetException("no PNG writer available for image type " + image.getType());
            }
        } catch (IOException e) {
            throw new DatasetException("cannot encode PNG: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
