package enr4j.data;

/**
 * A batch of B images with their camera parameters.
 *
 * @param size        B, number of images
 * @param imageSize   S, side of the square images
 * @param images      uint8, B x 3 x S x S, row-major, channel-first RGB
 * @param azimuth     degrees, length B
 * @param elevation   degrees, length B
 * @param translation B x 3, row-major (x, y, z per image)
 * @param scenes      scene index of each image, length B
 * @param views       view index of each image, length B
 */
public record Batch(int size, int imageSize, byte[] images, float[] azimuth, float[] elevation,
                    float[] translation, int[] scenes, int[] views) {

    /** @return address of image {@code i} */
    public ViewIndex index(int i) {
        return new ViewIndex(scenes[i], views[i]);
    }
}
