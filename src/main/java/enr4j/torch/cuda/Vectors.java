package enr4j.torch.cuda;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/** The 16-byte element vectors ({@code Vec} in {@code elements.cuh}) that the vectorised kernels load and store. */
final class Vectors {
    private Vectors() {}

    /** @return the elements of {@code t}'s dtype in one vector: 8 bfloat16 or 4 float32 */
    static int width(Tensor t) {
        return t.scalar_type().value == torch.ScalarType.BFloat16.value ? 8 : 4;
    }

    /** @return whether {@code t}'s data starts on a 16-byte boundary */
    static boolean aligned(Tensor t) {
        return t.data_ptr().address() % 16 == 0;
    }
}
