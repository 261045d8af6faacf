package enr4j.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.Pointer;

/** This process's resident memory, for tests that prove native memory stays flat over long loops. */
public final class ResidentMemory {
    private ResidentMemory() {}

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
