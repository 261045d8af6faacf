package enr4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import enr4j.geometry.CameraPose;
import enr4j.torch.Tensors;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class BatchTest {
    @Test
    void bytesBecomeUnitIntervalFloatsUnsigned() {
        int s = 2;
        byte[] images = new byte[2 * 3 * s * s];
        images[0] = (byte) 255;
        images[1] = (byte) 128;
        images[2] = 0;
        images[images.length - 1] = (byte) 200;
        Batch b = new Batch(2, s, images, List.of(new CameraPose(10, 1), new CameraPose(20, 2)), new int[2],
                new int[] {0, 1});
        try (PointerScope scope = new PointerScope()) {
            var t = b.imagesOn(new Device(torch.DeviceType.CPU));
            assertArrayEquals(new long[] {2, 3, s, s}, t.shape());
            float[] v = Tensors.toFloats(t);
            assertEquals(1.0f, v[0], 1e-6);
            assertEquals(128 / 255f, v[1], 1e-6);
            assertEquals(0f, v[2], 1e-6);
            assertEquals(200 / 255f, v[v.length - 1], 1e-6);
        }
        assertEquals(20.0, b.poses().get(1).azimuth(), 1e-9);
    }
}
