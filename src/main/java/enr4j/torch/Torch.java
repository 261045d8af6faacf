package enr4j.torch;

import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.global.torch;

/**
 * Process-wide libtorch settings: threads, seeds and device selection.
 *
 * <p>Everything that touches global libtorch state goes through here so that callers never
 * reach for {@code org.bytedeco.pytorch.global.torch} just to configure the runtime.
 */
public final class Torch {
    private Torch() {}

    /** @return true when the CUDA natives are loaded and at least one GPU is visible. */
    public static boolean cudaAvailable() {
        try {
            return torch.cuda_is_available();
        } catch (Throwable e) {
            return false;
        }
    }

    /** @return the number of visible CUDA GPUs (0 without the CUDA natives). */
    public static int cudaDeviceCount() {
        return cudaAvailable() ? torch.cuda_device_count() : 0;
    }

    /**
     * Parses a device name such as {@code cpu}, {@code cuda} or {@code cuda:1}.
     *
     * @throws IllegalArgumentException when the name is unknown or CUDA is asked for but absent
     */
    public static Device device(String name) {
        String n = name.trim().toLowerCase();
        if (n.equals("cpu")) {
            return new Device(torch.DeviceType.CPU);
        }
        if (n.equals("cuda") || n.startsWith("cuda:")) {
            if (!cudaAvailable()) {
                throw new IllegalArgumentException("device '" + name + "' requested but no CUDA GPU is available"
                        + " (run with the gpu natives on a GPU machine, or use --device cpu)");
            }
            byte index = n.equals("cuda") ? 0 : Byte.parseByte(n.substring(5));
            return new Device(torch.DeviceType.CUDA, index);
        }
        throw new IllegalArgumentException("unknown device '" + name + "' (expected cpu, cuda or cuda:N)");
    }

    /** @return {@code cuda} when a GPU is present, otherwise {@code cpu}. */
    public static String defaultDeviceName() {
        return cudaAvailable() ? "cuda" : "cpu";
    }

    /** Seeds libtorch's CPU (and, when present, CUDA) generators. */
    public static void seed(long seed) {
        torch.manual_seed(seed);
    }

    /** Sets libtorch's intra-op thread count (the JVM's own threads are unaffected). */
    public static void threads(int n) {
        torch.set_num_threads(n);
    }
}
