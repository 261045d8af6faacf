package enr4j.eval;

import enr4j.torch.Precision;
import org.bytedeco.pytorch.global.torch;

/**
 * Scopes bfloat16 autocast on CUDA around an inference block (libtorch has no guard object for it); a no-op for
 * other precisions and on the CPU. Open and close it on the same thread, with try-with-resources.
 */
final class Autocast implements AutoCloseable {
    private final boolean active;

    private Autocast(boolean active) {
        this.active = active;
    }

    static Autocast enter(Precision precision, boolean cuda) {
        boolean on = cuda && precision == Precision.BF16;
        if (on) {
            torch.set_autocast_dtype(torch.DeviceType.CUDA, torch.ScalarType.BFloat16);
            torch.set_autocast_enabled(torch.DeviceType.CUDA, true);
            torch.increment_nesting();
        }
        return new Autocast(on);
    }

    @Override
    public void close() {
        if (active) {
            if (torch.decrement_nesting() == 0) {
                torch.clear_cache();
            }
            torch.set_autocast_enabled(torch.DeviceType.CUDA, false);
        }
    }
}
