package enr4j.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.Pointer;

/** This process's resident memory, for tests that prove native memory stays flat over long loops. */
public final class ResidentMemory {
    private ResidentMemory() {}

    /**
     * Resident bytes not accounted for by the JVM's committed heap and non-heap memory: the native
     * part (libtorch tensors, JavaCPP allocations). A growing Java heap alone must not fail a test.
     */
    public static long nativeBytes() {
        System.gc();
        return nativeBytesNow();
    }

    /**
     * Like {@link #nativeBytes()} but without a collection first: native memory that only the garbage collector would
     * free (tensor handles left to it instead of a scope) still counts, as it does for a GPU, which never triggers one.
     */
    public static long nativeBytesNow() {
        var mx = java.lang.management.ManagementFactory.getMemoryMXBean();
        return residentBytes() - mx.getHeapMemoryUsage().getCommitted() - mx.getNonHeapMemoryUsage().getCommitted();
    }

    /** VmRSS of this process. */
    public static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            // fall through to JavaCPP's own reading
        }
        return Pointer.physicalBytes();
    }
}
