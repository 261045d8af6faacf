package enr4j.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The shape of one feature map without its batch dimension: channels, then 2 (H, W) or 3 (D, H, W)
 * spatial sizes.
 */
public record FeatureShape(int channels, int... spatial) {
    public FeatureShape {
        spatial = spatial.clone();
    }

    public SpatialDims dims() {
        return SpatialDims.of(spatial.length);
    }

    public FeatureShape withChannels(int c) {
        return new FeatureShape(c, spatial);
    }

    /** Every spatial size multiplied by {@code factor} (0.5 halves). */
    public FeatureShape scaled(double factor) {
        return new FeatureShape(channels, Arrays.stream(spatial).map(s -> (int) (s * factor)).toArray());
    }

    /** @return the shape with batch dimension {@code batch} prepended, for libtorch. */
    public long[] withBatch(long batch) {
        long[] out = new long[spatial.length + 2];
        out[0] = batch;
        out[1] = channels;
        for (int i = 0; i < spatial.length; i++) {
            out[i + 2] = spatial[i];
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureShape f && f.channels == channels && Arrays.equals(f.spatial, spatial);
    }

    @Override
    public int hashCode() {
        return 31 * channels + Arrays.hashCode(spatial);
    }

    /** e.g. {@code 64 x 32 x 32 x 32}. */
    @Override
    public String toString() {
        return channels + Arrays.stream(spatial).mapToObj(s -> " x " + s).collect(Collectors.joining());
    }
}
