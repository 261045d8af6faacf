package enr4j.data;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes images on demand and keeps the most recently used ones in an LRU cache bounded by a byte budget.
 * Used when the whole decoded dataset does not fit in memory.
 */
public final class CachingImageStore implements ImageStore {

    private final SceneDataset dataset;
    private final Map<ViewIndex, byte[]> cache;

    /**
     * @param dataset     images to serve
     * @param budgetBytes maximum bytes of decoded images kept (0 disables caching)
     */
    public CachingImageStore(SceneDataset dataset, long budgetBytes) {
        this.dataset = dataset;
        long capacity = Math.max(0, budgetBytes / dataset.imageBytes());
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ViewIndex, byte[]> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public SceneDataset dataset() {
        return dataset;
    }

    @Override
    public boolean inMemory() {
        return false;
    }

    @Override
    public void copyImage(int scene, int view, byte[] dest, int offset) {
        ViewIndex key = new ViewIndex(scene, view);
        byte[] image;
        synchronized (cache) {
            image = cache.get(key);
        }
        if (image == null) {
            image = dataset.decode(scene, view);
            synchronized (cache) {
                cache.put(key, image);
            }
        }
        System.arraycopy(image, 0, dest, offset, image.length);
    }
}
