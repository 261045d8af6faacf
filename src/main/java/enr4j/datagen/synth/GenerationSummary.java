package enr4j.datagen.synth;

/**
 * Result of {@link DatasetGenerator#generate}.
 *
 * @param scenes  scenes written
 * @param images  images written
 * @param seconds wall-clock time
 */
public record GenerationSummary(int scenes, long images, double seconds) {

    /** @return images written per second */
    public double imagesPerSecond() {
        return seconds > 0 ? images / seconds : Double.POSITIVE_INFINITY;
    }

    @Override
    public String toString() {
        return String.format("%d scenes, %d images in %.2f s (%.1f images/s)", scenes, images, seconds, imagesPerSecond());
    }
}
