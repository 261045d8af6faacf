package enr4j.torch;

import org.bytedeco.pytorch.global.torch;

/**
 * Scopes bfloat16 autocast on CUDA around a block, for {@link Precision#BF16_AUTOCAST}; a no-op for other
 * precisions or on the CPU. libtorch has no guard object for autocast, so this is one: open and close it
 * on the same thread with try-with-resources.
 */
public final class Autocast implements AutoCloseable {
    private final boolean active;

    private Autocast(boolean active) {
        this.active = active;
    }

    public static Autocast enter(Precision precision, boolean cuda) {
        boolean on = cuda && precision == Precision.BF16_AUTOCAST;
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
