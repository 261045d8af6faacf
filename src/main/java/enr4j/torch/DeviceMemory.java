package enr4j.torch;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.util.OptionalLong;
import org.bytedeco.javacpp.SizeTPointer;

/** How much memory a device has: physical RAM for the CPU, the GPU's memory for CUDA when the runtime is there. */
public final class DeviceMemory {
    private DeviceMemory() {}

    /**
     * @param device {@code cpu}, {@code cuda} or {@code cuda:N}
     * @return total bytes, or empty when they cannot be learned (no CUDA runtime on the class path, no GPU)
     */
    public static OptionalLong totalBytes(String device) {
        String d = device.trim().toLowerCase();
        if (d.equals("cpu")) {
            return physicalBytes();
        }
        if (d.equals("cuda") || d.startsWith("cuda:")) {
            return cudaBytes(d.equals("cuda") ? 0 : Integer.parseInt(d.substring(5)));
        }
        return OptionalLong.empty();
    }

    private static OptionalLong physicalBytes() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long total = os.getTotalMemorySize();
            return total > 0 ? OptionalLong.of(total) : OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** cudaMemGetInfo through the CUDA presets, looked up at run time: they are on the class path only with GPUs. */
    private static OptionalLong cudaBytes(int index) {
        if (!Torch.cudaAvailable()) {
            return OptionalLong.empty();
        }
        try {
            Class<?> cudart = Class.forName("org.bytedeco.cuda.global.cudart");
            Method setDevice = cudart.getMethod("cudaSetDevice", int.class);
            Method memGetInfo = cudart.getMethod("cudaMemGetInfo", SizeTPointer.class, SizeTPointer.class);
            try (SizeTPointer free = new SizeTPointer(1); SizeTPointer total = new SizeTPointer(1)) {
                if ((int) setDevice.invoke(null, index) != 0 || (int) memGetInfo.invoke(null, free, total) != 0) {
                    return OptionalLong.empty();
                }
                return OptionalLong.of(total.get());
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
