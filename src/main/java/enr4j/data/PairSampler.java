package enr4j.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The reference {@code RandomPairSampler} with deterministic epochs and sharding.
 *
 * <p>For S scenes and V views per scene (V even), an epoch draws V/2 random permutations of the scenes and one
 * random permutation {@code viewPerm[s]} of the views of each scene; for round i and each scene s in round-i
 * order it emits (s, viewPerm[s][2i]), (s, viewPerm[s][2i+1]). Every image is visited exactly once per
 * epoch, in consecutive pairs of two distinct views of one scene. Batches are consecutive runs of
 * {@code batchSize} (even) entries; an incomplete last batch is dropped.
 *
 * <p>Epoch e's order depends only on (seed, e), so a resumed run reproduces it. A shard (rank r of W) gets
 * the batches r, r+W, r+2W, ... of the epoch, after dropping trailing batches so that every rank gets the
 * same number.
 */
public final class PairSampler {

    private final int scenes;
    private final int viewsPerScene;
    private final int batchSize;
    private final long seed;
    private final int rank;
    private final int worldSize;

    /**
     * @param scenes        number of scenes (at least 1)
     * @param viewsPerScene views per scene (even, at least 2)
     * @param batchSize     images per batch (even, positive)
     * @param seed          base seed of the epoch orders
     */
    public PairSampler(int scenes, int viewsPerScene, int batchSize, long seed) {
        this(scenes, viewsPerScene, batchSize, seed, 0, 1);
    }

    private PairSampler(int scenes, int viewsPerScene, int batchSize, long seed, int rank, int worldSize) {
        if (scenes < 1) {
            throw new DatasetException("pair sampler needs at least 1 scene, got " + scenes);
        }
        if (viewsPerScene < 2 || viewsPerScene % 2 != 0) {
            throw new DatasetException("pair sampler needs an even number of views per scene >= 2, got " + viewsPerScene);
        }
        if (batchSize <= 0 || batchSize % 2 != 0) {
            throw new DatasetException("batch size must be even and positive, got " + batchSize);
        }
        if (worldSize < 1 || rank < 0 || rank >= worldSize) {
            throw new DatasetException("invalid shard rank " + rank + " of world size " + worldSize);
        }
        this.scenes = scenes;
        this.viewsPerScene = viewsPerScene;
        this.batchSize = batchSize;
        this.seed = seed;
        this.rank = rank;
        this.worldSize = worldSize;
    }

    /** Sampler over a dataset's scenes and views. */
    public static PairSampler forDataset(SceneDataset dataset, int batchSize, long seed) {
        return new PairSampler(dataset.sceneCount(), dataset.viewsPerScene(), batchSize, seed);
    }

    /**
     * @param rankIndex rank of this process, in [0, worldSize)
     * @param worldSize number of processes
     * @return a sampler yielding only this rank's batches (same seed, so ranks agree on the epoch order)
     */
    public PairSampler shard(int rankIndex, int worldSize) {
        return new PairSampler(scenes, viewsPerScene, batchSize, seed, rankIndex, worldSize);
    }

    /** @return images per batch */
    public int batchSize() {
        return batchSize;
    }

    /**
     * The full (unsharded, unbatched) visiting order of epoch {@code epoch}: S x V entries.
     */
    public List<ViewIndex> epochOrder(long epoch) {
        SplittableRandom random = Seeds.derive(seed, epoch);
        int rounds = viewsPerScene / 2;
        int[][] scenePerms = new int[rounds][];
        for (int i = 0; i < rounds; i++) {
            scenePerms[i] = Seeds.permutation(scenes, random);
        }
        int[][] viewPerms = new int[scenes][];
        for (int s = 0; s < scenes; s++) {
            viewPerms[s] = Seeds.permutation(viewsPerScene, random);
        }
        List<ViewIndex> order = new ArrayList<>(scenes * viewsPerScene);
        for (int i = 0; i < rounds; i++) {
            for (int s : scenePerms[i]) {
                order.add(new ViewIndex(s, viewPerms[s][2 * i]));
                order.add(new ViewIndex(s, viewPerms[s][2 * i + 1]));
            }
        }
        return order;
    }

    /** @return batches this sampler (or shard) yields per epoch */
    public int batchesPerEpoch() {
        int total = scenes * viewsPerScene / batchSize;
        return total / worldSize;
    }

    /**
     * @return this shard's batches of epoch {@code epoch}, each a list of {@code batchSize} indices in which
     *         entries 2k and 2k+1 are two distinct views of one scene
     */
    public List<List<ViewIndex>> batches(long epoch) {
        List<ViewIndex> order = epochOrder(epoch);
        int count = batchesPerEpoch();
        List<List<ViewIndex>> result = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            int b = rank + k * worldSize;
            result.add(List.copyOf(order.subList(b * batchSize, (b + 1) * batchSize)));
        }
        return result;
    }
}
