package enr4j.data;

import enr4j.geometry.CameraPose;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** Builds {@link Batch}es from image addresses, copying images from an {@link ImageStore}. */
public final class BatchAssembler {

    private final ImageStore store;

    /** @param store source of images and (through its dataset) poses */
    public BatchAssembler(ImageStore store) {
        this.store = store;
    }

    /**
     * Assembles a batch. Images are decoded in parallel when the store is not in memory.
     *
     * @param indices image addresses, in batch order
     */
    public Batch assemble(List<ViewIndex> indices) {
        SceneDataset dataset = store.dataset();
        int b = indices.size();
        int bytes = store.imageBytes();
        byte[] images = new byte[b * bytes];
        List<CameraPose> poses = new ArrayList<>(b);
        int[] scenes = new int[b];
        int[] views = new int[b];
        for (int i = 0; i < b; i++) {
            ViewIndex index = indices.get(i);
            poses.add(dataset.pose(index.scene(), index.view()).atFloatPrecision());
            scenes[i] = index.scene();
            views[i] = index.view();
        }
        IntStream range = IntStream.range(0, b);
        (store.inMemory() ? range : range.parallel()).forEach(
                i -> store.copyImage(scenes[i], views[i], images, i * bytes));
        return new Batch(b, store.imageSize(), images, poses, scenes, views);
    }

    /** @return all views of scene {@code scene}, in view order, as one batch (for evaluation) */
    public Batch scene(int scene) {
        int v = store.dataset().viewsPerScene();
        return assemble(IntStream.range(0, v).mapToObj(view -> new ViewIndex(scene, view)).toList());
    }
}
