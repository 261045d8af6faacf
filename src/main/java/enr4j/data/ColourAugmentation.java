package enr4j.data;

import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * Colour augmentation of training batches: with probability {@code probability}, both images of a pair (batch
 * entries 2k and 2k+1, two views of one scene) are recoloured by the same random {@link ColourTransform}: a hue
 * rotation by an angle uniform in [0, 2 pi) and a saturation scale uniform in [{@link #MIN_SATURATION},
 * {@link #MAX_SATURATION}]. Greys, the white background included, stay exactly as they are.
 *
 * <p>What a pair gets depends only on (seed, epoch, its first image's scene and view): an image is visited once
 * per epoch, so this names the pair whatever the batch it falls in, the shard of a data-parallel run or where a
 * resumed run starts. The draws come from their own streams; the pair order and libtorch's generator are
 * untouched, and at probability 0 batches are returned as they are.
 */
public final class ColourAugmentation {

    /** Lowest saturation scale drawn. */
    public static final double MIN_SATURATION = 0.6;
    /** Highest saturation scale drawn. */
    public static final double MAX_SATURATION = 1.6;

    /** Keeps these streams apart from the pair sampler's, which derive from the same seed. */
    private static final long SALT = 0x636F6C6F75724175L;

    private final double probability;
    private final long seed;

    /**
     * @param probability chance that a pair is recoloured, in [0, 1]
     * @param seed        the run's seed
     */
    public ColourAugmentation(double probability, long seed) {
        String problem = probabilityProblem(probability);
        if (problem != null) {
            throw new IllegalArgumentException("colour augmentation probability " + problem);
        }
        this.probability = probability;
        this.seed = seed;
    }

    /** What is wrong with a recolouring probability, or null when it lies in [0, 1] (NaN does not). */
    public static String probabilityProblem(double probability) {
        return probability >= 0 && probability <= 1 ? null : "must be in [0, 1], got " + probability;
    }

    /** @return true when no pair is ever recoloured */
    public boolean off() {
        return probability == 0;
    }

    /**
     * @param epoch zero-based epoch, as in {@link PairSampler#batches(long)}
     * @param first the pair's first image
     * @return the pair's transform, or null when this pair keeps its colours
     */
    public ColourTransform draw(long epoch, ViewIndex first) {
        if (off()) {
            return null;
        }
        long epochSeed = Seeds.derive(seed ^ SALT, epoch).nextLong();
        SplittableRandom random = Seeds.derive(epochSeed, ((long) first.scene() << 32) | (first.view() & 0xFFFFFFFFL));
        // always three draws in this order, so an augmented pair's transform does not depend on the probability
        boolean apply = random.nextDouble() < probability;
        double angle = random.nextDouble() * 2 * Math.PI;
        double saturation = MIN_SATURATION + random.nextDouble() * (MAX_SATURATION - MIN_SATURATION);
        return apply ? new ColourTransform(angle, saturation) : null;
    }

    /**
     * @param batch a training batch of pairs (B even, images B x 3 x S x S uint8); not changed
     * @param epoch zero-based epoch
     * @return {@code batch} itself when off, else a batch with the same poses and addresses whose recoloured
     *         pairs have new image bytes
     */
    public Batch apply(Batch batch, long epoch) {
        if (off()) {
            return batch;
        }
        if (batch.size() % 2 != 0) {
            throw new IllegalArgumentException("colour augmentation needs whole pairs, got a batch of " + batch.size());
        }
        int plane = batch.imageSize() * batch.imageSize();
        int bytes = 3 * plane;
        byte[] images = batch.images().clone();
        for (int i = 0; i < batch.size(); i += 2) {
            ColourTransform t = draw(epoch, batch.index(i));
            if (t != null) {
                t.applyInPlace(images, i * bytes, plane);
                t.applyInPlace(images, (i + 1) * bytes, plane);
            }
        }
        return new Batch(batch.size(), batch.imageSize(), images, batch.poses(), batch.scenes(), batch.views());
    }

    /** @return {@link #apply} for the batches of one zero-based epoch */
    public UnaryOperator<Batch> forEpoch(long epoch) {
        return off() ? UnaryOperator.identity() : b -> apply(b, epoch);
    }
}
