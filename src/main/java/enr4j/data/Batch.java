package enr4j.data;

import enr4j.geometry.CameraPose;
import enr4j.torch.Tensors;
import java.util.List;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * A batch of B images with their camera poses.
 *
 * @param size      B, number of images
 * @param imageSize S, side of the square images
 * @param images    uint8, B x 3 x S x S, row-major, channel-first RGB
 * @param poses     one pose per image (degrees, world units), at float32 precision
 * @param scenes    scene index of each image, length B
 * @param views     view index of each image, length B
 */
public record Batch(int size, int imageSize, byte[] images, List<CameraPose> poses, int[] scenes, int[] views) {

    /** Copies the pose list. */
    public Batch {
        poses = List.copyOf(poses);
        if (poses.size() != size) {
            throw new IllegalArgumentException("a batch of " + size + " images needs as many poses, got " + poses.size());
        }
    }

    /** @return address of image {@code i} */
    public ViewIndex index(int i) {
        return new ViewIndex(scenes[i], views[i]);
    }

    /**
     * Uploads the uint8 images (a quarter of the float bytes) and converts them on the device.
     *
     * @return B x 3 x S x S float32 in [0, 1] on {@code device}
     */
    public Tensor imagesOn(Device device) {
        // create(byte[], long...) makes uint8; the (byte[], boolean, ...) overload would make int8 and turn 255 into -1.
        Tensor bytes = Tensor.create(images, size, 3, imageSize, imageSize);
        return Tensors.upload(bytes, device).to(torch.ScalarType.Float).div(Tensors.scalar(255));
    }
}
