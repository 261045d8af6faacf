package enr4j.data;

import enr4j.geometry.CameraPose;
import enr4j.geometry.Vec3;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Tiny synthetic datasets for tests: image (scene s, view v) is filled with a colour encoding s and v. */
final class TestDatasets {

    private TestDatasets() {
    }

    /** Red = 10 * scene + 1, green = 10 * view + 2, blue = 7. */
    static int red(int scene) {
        return 10 * scene + 1;
    }

    static int green(int view) {
        return 10 * view + 2;
    }

    static final int BLUE = 7;

    static BufferedImage uniform(int size, int r, int g, int b) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        int rgb = (r << 16) | (g << 8) | b;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    /** Writes {@code scenes} scenes of {@code views} uniform images of side {@code size}. */
    static Path write(Path root, int scenes, int views, int size) {
        DatasetWriter writer = new DatasetWriter(root, true);
        for (int s = 0; s < scenes; s++) {
            List<BufferedImage> images = new ArrayList<>();
            List<CameraPose> params = new ArrayList<>();
            for (int v = 0; v < views; v++) {
                images.add(uniform(size, red(s), green(v), BLUE));
                params.add(new CameraPose(azimuth(s, v), elevation(s, v), new Vec3(s, v, 0.5f)));
            }
            writer.writeScene(String.format("scene_%03d", s), images, params);
        }
        return root;
    }

    static double azimuth(int scene, int view) {
        return -180 + 13.5 * view + scene;
    }

    static double elevation(int scene, int view) {
        return 2.25 * view - scene;
    }
}
