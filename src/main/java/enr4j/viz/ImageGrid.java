package enr4j.viz;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;

/**
 * Tiles equally sized images into one image the way torchvision's {@code make_grid} does: images are placed
 * row-major, {@code imagesPerRow} per row, with {@code padding} pixels of {@code padColour} around and between them.
 * The grid is {@code rows * (H + padding) + padding} pixels high and {@code columns * (W + padding) + padding} wide,
 * where {@code columns = min(imagesPerRow, count)} and {@code rows = ceil(count / columns)}; image {@code k} has its
 * top-left corner at {@code (padding + (k % columns) * (W + padding), padding + (k / columns) * (H + padding))}.
 * Like {@code make_grid}, a single image is returned unpadded.
 *
 * @param imagesPerRow number of images per row ({@code nrow} in torchvision), at least 1
 * @param padding      pixels between and around images, at least 0
 * @param padColour    colour of the padding
 */
public record ImageGrid(int imagesPerRow, int padding, Color padColour) {

    /** torchvision's default padding. */
    public static final int DEFAULT_PADDING = 2;

    public ImageGrid {
        if (imagesPerRow < 1) {
            throw new IllegalArgumentException("images per row must be at least 1, got " + imagesPerRow);
        }
        if (padding < 0) {
            throw new IllegalArgumentException("padding must not be negative, got " + padding);
        }
        Objects.requireNonNull(padColour, "padColour");
    }

    /** A grid with torchvision's defaults: padding 2, black padding. */
    public static ImageGrid withImagesPerRow(int imagesPerRow) {
        return new ImageGrid(imagesPerRow, DEFAULT_PADDING, Color.BLACK);
    }

    /** Tiles the images (all of the same size) into one TYPE_INT_RGB image. */
    public BufferedImage tile(List<BufferedImage> images) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("cannot tile an empty list of images");
        }
        int w = images.get(0).getWidth();
        int h = images.get(0).getHeight();
        for (int k = 1; k < images.size(); k++) {
            BufferedImage image = images.get(k);
            if (image.getWidth() != w || image.getHeight() != h) {
                throw new IllegalArgumentException("image " + k + " is " + image.getWidth() + " x " + image.getHeight()
                        + " px but image 0 is " + w + " x " + h + " px; all images in a grid must have one size");
            }
        }
        if (images.size() == 1) {
            return Images.toRgb(images.get(0));
        }
        int columns = Math.min(imagesPerRow, images.size());
        int rows = (images.size() + columns - 1) / columns;
        BufferedImage grid = new BufferedImage(
                columns * (w + padding) + padding, rows * (h + padding) + padding, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        try {
            g.setColor(padColour);
            g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
            for (int k = 0; k < images.size(); k++) {
                int x = padding + (k % columns) * (w + padding);
                int y = padding + (k / columns) * (h + padding);
                g.drawImage(images.get(k), x, y, null);
            }
        } finally {
            g.dispose();
        }
        return grid;
    }

    /**
     * Tiles channel-first float images.
     *
     * @param images each laid out 3 x H x W with values in [0, 1] (see {@link Images#fromChw(float[], int, int)})
     */
    public BufferedImage tileChw(List<float[]> images, int h, int w) {
        return tile(images.stream().map(data -> Images.fromChw(data, h, w)).toList());
    }
}
