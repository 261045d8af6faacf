package enr4j.data;

/**
 * Source of preprocessed images of a {@link SceneDataset}. Implementations are thread-safe.
 * Images are uint8, 3 x S x S, row-major, channel-first (S = {@link #imageSize()}).
 */
public interface ImageStore {

    /** @return the dataset whose images are served */
    SceneDataset dataset();

    /** @return side of the square images */
    default int imageSize() {
        return dataset().imageSize();
    }

    /** @return bytes of one image, 3 x S x S */
    default int imageBytes() {
        return dataset().imageBytes();
    }

    /** @return true when all images are decoded in memory (copies never touch the disk) */
    boolean inMemory();

    /**
     * Copies image (scene, view) into {@code dest} at {@code offset}.
     *
     * @throws DatasetException naming the file when it cannot be decoded
     */
    void copyImage(int scene, int view, byte[] dest, int offset);

    /** Default memory budget for decoded images: half of the JVM's maximum heap. */
    static long defaultBudgetBytes() {
        return Runtime.getRuntime().maxMemory() / 2;
    }

    /**
     * Builds a store: everything decoded in memory (in parallel on all cores) when the decoded size fits
     * {@code budgetBytes}; otherwise on-the-fly decoding with an LRU cache of {@code budgetBytes}.
     */
    static ImageStore create(SceneDataset dataset, long budgetBytes) {
        long needed = (long) dataset.imageCount() * dataset.imageBytes();
        if (needed <= budgetBytes) {
            return InMemoryImageStore.decodeAll(dataset);
        }
        return new CachingImageStore(dataset, budgetBytes);
    }

    /** {@link #create(SceneDataset, long)} with {@link #defaultBudgetBytes()}. */
    static ImageStore create(SceneDataset dataset) {
        return create(dataset, defaultBudgetBytes());
    }
}
