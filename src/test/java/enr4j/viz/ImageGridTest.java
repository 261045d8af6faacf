package enr4j.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ImageGridTest {

    private static BufferedImage solid(int w, int h, int rgb) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    @Test
    void fiveImagesInRowsOfFourMatchMakeGridLayout() {
        int w = 4;
        int h = 3;
        List<BufferedImage> images = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            images.add(solid(w, h, 0x101010 * (k + 1)));
        }

        BufferedImage grid = ImageGrid.withImagesPerRow(4).tile(images);

        // make_grid: width = 4 * (4 + 2) + 2 = 26, height = 2 * (3 + 2) + 2 = 12
        assertEquals(26, grid.getWidth());
        assertEquals(12, grid.getHeight());
        for (int k = 0; k < 5; k++) {
            int x0 = 2 + (k % 4) * (w + 2);
            int y0 = 2 + (k / 4) * (h + 2);
            assertEquals(0x101010 * (k + 1), grid.getRGB(x0, y0) & 0xFFFFFF, "top-left of image " + k);
            assertEquals(0x101010 * (k + 1), grid.getRGB(x0 + w - 1, y0 + h - 1) & 0xFFFFFF, "bottom-right of image " + k);
            assertEquals(0, grid.getRGB(x0 - 1, y0) & 0xFFFFFF, "padding left of image " + k);
            assertEquals(0, grid.getRGB(x0, y0 - 1) & 0xFFFFFF, "padding above image " + k);
        }
        // the unused cells of the last row are padding colour
        assertEquals(0, grid.getRGB(2 + (w + 2), 2 + (h + 2)) & 0xFFFFFF);
        assertEquals(0, grid.getRGB(grid.getWidth() - 1, grid.getHeight() - 1) & 0xFFFFFF);
    }

    @Test
    void fewerImagesThanRowWidthUsesOnlyNeededColumns() {
        BufferedImage grid = new ImageGrid(8, 1, Color.WHITE).tile(List.of(solid(2, 2, 0xFF0000), solid(2, 2, 0x00FF00)));
        assertEquals(2 * 3 + 1, grid.getWidth());
        assertEquals(3 + 1, grid.getHeight());
        assertEquals(0xFFFFFF, grid.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0x00FF00, grid.getRGB(4, 1) & 0xFFFFFF);
    }

    @Test
    void singleImageIsReturnedWithoutPaddingLikeMakeGrid() {
        BufferedImage grid = ImageGrid.withImagesPerRow(4).tile(List.of(solid(5, 7, 0x123456)));
        assertEquals(5, grid.getWidth());
        assertEquals(7, grid.getHeight());
        assertEquals(0x123456, grid.getRGB(0, 0) & 0xFFFFFF);
    }

    @Test
    void tilesChwFloatImages() {
        float[] red = new float[3 * 2 * 2];
        java.util.Arrays.fill(red, 0, 4, 1f);
        float[] blue = new float[3 * 2 * 2];
        java.util.Arrays.fill(blue, 8, 12, 1f);
        BufferedImage grid = ImageGrid.withImagesPerRow(2).tileChw(List.of(red, blue), 2, 2);
        assertEquals(0xFF0000, grid.getRGB(2, 2) & 0xFFFFFF);
        assertEquals(0x0000FF, grid.getRGB(6, 3) & 0xFFFFFF);
    }

    @Test
    void rejectsMixedSizesAndEmptyLists() {
        ImageGrid grid = ImageGrid.withImagesPerRow(2);
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class,
                () -> grid.tile(List.of(solid(2, 2, 0), solid(3, 2, 0))));
        assertTrue(mixed.getMessage().contains("image 1"), mixed.getMessage());
        assertThrows(IllegalArgumentException.class, () -> grid.tile(List.of()));
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.withImagesPerRow(0));
    }
}
