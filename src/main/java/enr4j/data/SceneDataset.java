package enr4j.data;

import enr4j.geometry.CameraPose;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A dataset in the reference format: a folder of scene folders, each holding {@code NNNNN.png} images and a
 * {@code render_params.json} (see {@link RenderParamsFile}). Scenes are sorted by folder name, views by file
 * name. Every scene must have the same number of views (at least 2); with an odd count the last view is
 * dropped unless {@link ReaderOptions#allowOdd()} is set.
 *
 * <p>Opening validates the structure and parameters; images are decoded lazily by {@link #decode}.
 */
public final class SceneDataset {

    private static final Pattern IMAGE_NAME = Pattern.compile("\\d{5}\\.png");

    private final Path root;
    private final ReaderOptions options;
    private final List<Scene> scenes;
    private final int viewsPerScene;
    private final ThreadLocal<ImagePreprocessor> preprocessor;

    private SceneDataset(Path root, ReaderOptions options, List<Scene> scenes, int viewsPerScene) {
        this.root = root;
        this.options = options;
        this.scenes = List.copyOf(scenes);
        this.viewsPerScene = viewsPerScene;
        this.preprocessor = ThreadLocal.withInitial(
                () -> new ImagePreprocessor(options.cropSize(), options.imageSize()));
    }

    /**
     * Opens and validates a dataset folder.
     *
     * @param root    folder containing scene folders
     * @param requested image size, crop, angle unit, odd-count policy
     * @return the dataset
     * @throws DatasetException with a one-line message naming the offending file/key/value
     */
    public static SceneDataset open(Path root, ReaderOptions requested) {
        ReaderOptions options = requested;
        if (!Files.isDirectory(root)) {
            throw new DatasetException("dataset folder not found: " + root);
        }
        List<Path> folders = listSorted(root, Files::isDirectory);
        if (folders.isEmpty()) {
            throw new DatasetException("empty dataset: no scene folders in " + root);
        }
        List<Scene> scenes = new ArrayList<>(folders.size());
        Scene first = null;
        for (Path folder : folders) {
            Scene scene = readScene(folder, options);
            if (first == null) {
                first = scene;
            } else if (scene.viewCount() != first.viewCount()) {
                throw new DatasetException("scenes have different view counts: " + first.name() + " has "
                        + first.viewCount() + ", " + scene.name() + " has " + scene.viewCount());
            }
            scenes.add(scene);
        }
        options = fitCrop(options, first);
        int views = first.viewCount();
        if (views < 2) {
            throw new DatasetException("scene " + first.name() + " has " + views + " view(s); at least 2 are needed");
        }
        if (views % 2 == 1 && !options.allowOdd()) {
            views -= 1;
            List<Scene> trimmed = new ArrayList<>(scenes.size());
            for (Scene s : scenes) {
                trimmed.add(new Scene(s.name(), s.folder(), s.images().subList(0, views), s.views().subList(0, views)));
            }
            scenes = trimmed;
        }
        return new SceneDataset(root, options, scenes, views);
    }

    private static Scene readScene(Path folder, ReaderOptions options) {
        Path paramsFile = folder.resolve(RenderParamsFile.FILE_NAME);
        if (!Files.isRegularFile(paramsFile)) {
            throw new DatasetException("missing " + RenderParamsFile.FILE_NAME + " in scene folder " + folder);
        }
        Map<String, CameraPose> params = RenderParamsFile.read(paramsFile, options.poses().anglesInRadians());
        List<Path> images = listSorted(folder, p -> IMAGE_NAME.matcher(p.getFileName().toString()).matches());
        List<CameraPose> views = new ArrayList<>(images.size());
        for (Path image : images) {
            String index = image.getFileName().toString().substring(0, 5);
            CameraPose view = params.get(index);
            if (view == null) {
                throw new DatasetException(image + ": image index " + index + " has no entry in " + paramsFile);
            }
            if (!Files.isReadable(image)) {
                throw new DatasetException(image + ": image is not readable");
            }
            views.add(options.poses().apply(view));
        }
        for (String index : params.keySet()) {
            if (!Files.isRegularFile(folder.resolve(index + ".png"))) {
                throw new DatasetException(paramsFile + ": index " + index + " has no image " + index + ".png");
            }
        }
        return new Scene(folder.getFileName().toString(), folder, images, views);
    }

    /**
     * A crop larger than the images would pad them with black (torchvision's CenterCrop does); here the crop
     * shrinks to the images' side instead, so 64 px datasets are used whole with the reference's default of 128.
     */
    private static ReaderOptions fitCrop(ReaderOptions options, Scene first) {
        PngDecoder.RgbImage probe = PngDecoder.read(first.images().get(0));
        int side = Math.min(probe.width(), probe.height());
        return side < options.cropSize() ? options.withCropSize(side) : options;
    }

    private static List<Path> listSorted(Path folder, java.util.function.Predicate<Path> filter) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(filter).sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new DatasetException("cannot list folder " + folder + ": " + e.getMessage(), e);
        }
    }

    /** @return the dataset root folder */
    public Path root() {
        return root;
    }

    /** @return the reader options used */
    public ReaderOptions options() {
        return options;
    }

    /** @return scenes sorted by folder name */
    public List<Scene> scenes() {
        return scenes;
    }

    /** @return number of scenes */
    public int sceneCount() {
        return scenes.size();
    }

    /** @return views per scene (after dropping an odd last view, if applicable) */
    public int viewsPerScene() {
        return viewsPerScene;
    }

    /** @return total images, {@code sceneCount() * viewsPerScene()} */
    public int imageCount() {
        return scenes.size() * viewsPerScene;
    }

    /** @return side of the preprocessed square images */
    public int imageSize() {
        return options.imageSize();
    }

    /** @return bytes of one preprocessed image: 3 x S x S */
    public int imageBytes() {
        return 3 * options.imageSize() * options.imageSize();
    }

    /** @return the camera pose of view {@code view} of scene {@code scene}, as read */
    public CameraPose pose(int scene, int view) {
        return scenes.get(scene).views().get(checkView(view));
    }

    /** @return image file of view {@code view} of scene {@code scene} */
    public Path imageFile(int scene, int view) {
        return scenes.get(scene).images().get(checkView(view));
    }

    /**
     * Decodes, crops and resizes one image into {@code dest}. Thread-safe.
     *
     * @param dest   receives uint8, 3 x S x S, row-major, channel-first
     * @param offset first byte written
     * @throws DatasetException naming the file when it cannot be decoded
     */
    public void decode(int scene, int view, byte[] dest, int offset) {
        preprocessor.get().process(PngDecoder.read(imageFile(scene, view)), dest, offset);
    }

    /** @return a new uint8 array, 3 x S x S, row-major, channel-first */
    public byte[] decode(int scene, int view) {
        byte[] out = new byte[imageBytes()];
        decode(scene, view, out, 0);
        return out;
    }

    private int checkView(int view) {
        if (view < 0 || view >= viewsPerScene) {
            throw new IndexOutOfBoundsException("view " + view + " out of range [0, " + viewsPerScene + ")");
        }
        return view;
    }
}
