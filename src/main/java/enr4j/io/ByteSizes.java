package enr4j.io;

import java.util.Locale;

/** Byte counts as people read them. */
public final class ByteSizes {
    private ByteSizes() {
    }

    /** e.g. {@code 512 bytes}, {@code 3.0 MiB}, {@code 6.9 GiB}. */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = bytes / 1024.0;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
