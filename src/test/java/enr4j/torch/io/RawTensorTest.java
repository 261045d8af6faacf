package enr4j.torch.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class RawTensorTest {
    @Test
    void rejectsDataNotMatchingShape() {
        assertThrows(IllegalArgumentException.class, () -> new RawTensor(DType.FLOAT32, new long[] {2}, new byte[4]));
        assertThrows(IllegalArgumentException.class, () -> new RawTensor(DType.FLOAT32, new long[] {-1}, new byte[0]));
    }

    @Test
    void torchRoundTripIsBitExactForEveryDType() {
        Random rnd = new Random(3);
        for (DType dtype : DType.values()) {
            RawTensor raw = SafeTensorsTest.randomTensor(dtype, rnd, 2, 3, 4);
            try (PointerScope scope = new PointerScope()) {
                Tensor t = raw.toTorch();
                assertEquals(dtype.scalarType(), t.scalar_type().intern());
                assertEquals(raw, RawTensor.fromTorch(t), dtype.toString());
            }
        }
    }

    @Test
    void scalarAndEmptyTensorsRoundTrip() {
        try (PointerScope scope = new PointerScope()) {
            RawTensor scalar = RawTensor.ofFloats(new long[0], 2.5f);
            Tensor t = scalar.toTorch();
            assertEquals(0, t.dim());
            assertEquals(2.5f, t.item_float());
            assertEquals(scalar, RawTensor.fromTorch(t));
            RawTensor empty = new RawTensor(DType.INT64, new long[] {3, 0}, new byte[0]);
            assertEquals(empty, RawTensor.fromTorch(empty.toTorch()));
        }
    }

    @Test
    void fromTorchMaterialisesNonContiguousViews() {
        try (PointerScope scope = new PointerScope()) {
            Tensor t = RawTensor.ofFloats(new long[] {2, 3}, 0, 1, 2, 3, 4, 5).toTorch().t();
            RawTensor raw = RawTensor.fromTorch(t);
            assertArrayEquals(new long[] {3, 2}, raw.shape());
            assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, raw.toFloatArray());
        }
    }

    @Test
    void tensorSurvivesTheConversionsInnerScopeAndDoesNotAliasJavaMemory() {
        try (PointerScope scope = new PointerScope()) {
            byte[] data = RawTensor.ofFloats(new long[] {2}, 1f, 2f).data();
            Tensor t = new RawTensor(DType.FLOAT32, new long[] {2}, data).toTorch();
            data[0] = 9;
            System.gc();
            assertArrayEquals(new float[] {1f, 2f}, RawTensor.fromTorch(t).toFloatArray());
        }
    }
}
