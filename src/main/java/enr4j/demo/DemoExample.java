package enr4j.demo;

import enr4j.geometry.CameraPose;
import java.awt.image.BufferedImage;

/**
 * One input image of the demo.
 *
 * @param name  short name, used as the output sub-folder
 * @param image the picture (any size; it is centre-cropped and resized to the model)
 * @param pose  the camera pose it was taken from (novel views are shifts from it)
 */
public record DemoExample(String name, BufferedImage image, CameraPose pose) {
}
