package enr4j.train;

import enr4j.data.Batch;
import enr4j.geometry.CameraPose;
import enr4j.geometry.Vec3;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/** Turns a loader {@link Batch} into what the model takes. */
public final class BatchTensors {
    private BatchTensors() {}

    /**
     * Uploads the uint8 images (a quarter of the float bytes) and converts them on the device.
     *
     * @return B x 3 x S x S float32 in [0, 1] on {@code device}
     */
    public static Tensor images(Batch batch, Device device) {
        // create(byte[], long...) makes uint8; the (byte[], boolean, ...) overload would make int8 and turn 255 into -1.
        Tensor bytes = Tensor.create(batch.images(), batch.size(), 3, batch.imageSize(), batch.imageSize());
        return enr4j.torch.Tensors.upload(bytes, device).to(torch.ScalarType.Float).div(enr4j.torch.Tensors.scalar(255));
    }

    /** One pose per image (angles in degrees, translations in world units). */
    public static List<CameraPose> poses(Batch batch) {
        List<CameraPose> poses = new ArrayList<>(batch.size());
        float[] t = batch.translation();
        for (int i = 0; i < batch.size(); i++) {
            poses.add(new CameraPose(batch.azimuth()[i], batch.elevation()[i],
                    new Vec3(t[3 * i], t[3 * i + 1], t[3 * i + 2])));
        }
        return poses;
    }
}
