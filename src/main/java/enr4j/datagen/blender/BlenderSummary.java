package enr4j.datagen.blender;

import java.util.List;
import java.util.Locale;

/**
 * Result of {@link BlenderDatasetGenerator#generate}.
 *
 * @param meshesOk meshes rendered into scenes
 * @param skipped  meshes that failed, with Blender's reason
 * @param images   images written
 * @param seconds  wall-clock time
 */
public record BlenderSummary(int meshesOk, List<SkippedMesh> skipped, long images, double seconds) {

    /** Copies the list. */
    public BlenderSummary {
        skipped = List.copyOf(skipped);
    }

    /** @return images written per second */
    public double imagesPerSecond() {
        return seconds > 0 ? images / seconds : Double.POSITIVE_INFINITY;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d meshes ok, %d skipped, %d images in %.1f s (%.1f images/s)", meshesOk,
                skipped.size(), images, seconds, imagesPerSecond());
    }
}
