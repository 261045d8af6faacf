package enr4j.data;

import java.util.stream.IntStream;

/**
 * All images of a dataset decoded into memory. Storage is one uint8 array per scene, laid out
 * V x 3 x S x S (row-major, channel-first), so each image is one contiguous block; one array per scene
 * rather than one for the whole dataset because Java arrays are limited to 2^31 elements.
 */
public final class InMemoryImageStore implements ImageStore {

    private final SceneDataset dataset;
    private final byte[][] scenes;

    private InMemoryImageStore(SceneDataset dataset, byte[][] scenes) {
        this.dataset = dataset;
        this.scenes = scenes;
    }

    /**
     * Decodes every image of {@code dataset} in parallel (common fork-join pool, all cores).
     *
     * @throws DatasetException naming the first file that could not be decoded
     */
    public static InMemoryImageStore decodeAll(SceneDataset dataset) {
        int views = dataset.viewsPerScene();
        int bytes = dataset.imageBytes();
        byte[][] scenes = new byte[dataset.sceneCount()][(int) ((long) views * bytes)];
        IntStream.range(0, dataset.imageCount()).parallel().forEach(i -> {
            int scene = i / views;
            int view = i % views;
            dataset.decode(scene, view, scenes[scene], view * bytes);
        });
        return new InMemoryImageStore(dataset, scenes);
    }

    @Override
    public SceneDataset dataset() {
        return dataset;
    }

    @Override
    public boolean inMemory() {
        return true;
    }

    @Override
    public void copyImage(int scene, int view, byte[] dest, int offset) {
        int bytes = dataset.imageBytes();
        if (view < 0 || view >= dataset.viewsPerScene()) {
            throw new IndexOutOfBoundsException("view " + view + " out of range [0, " + dataset.viewsPerScene() + ")");
        }
        System.arraycopy(scenes[scene], view * bytes, dest, offset, bytes);
    }
}
