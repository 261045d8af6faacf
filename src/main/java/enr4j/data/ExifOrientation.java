package enr4j.data;

/**
 * The EXIF orientation of a JPEG (how the camera was held) and turning a decoded image upright by it. Decoders return
 * the stored pixels; cameras and phones store them sideways and record the turn in tag 0x0112 of the EXIF block.
 */
final class ExifOrientation {

    /** Stored upright: nothing to do. Values 2..8 are mirrorings and quarter turns (TIFF 6.0, tag 274). */
    static final int UPRIGHT = 1;

    private static final int ORIENTATION_TAG = 0x0112;
    private static final int START_OF_SCAN = 0xDA;
    private static final int APP1 = 0xE1;

    private ExifOrientation() {
    }

    /** @return the orientation (1..8) recorded in a JPEG's EXIF segment; {@link #UPRIGHT} when none or not a JPEG */
    static int of(byte[] file) {
        if (file.length < 4 || (file[0] & 0xFF) != 0xFF || (file[1] & 0xFF) != 0xD8) {
            return UPRIGHT;
        }
        int pos = 2;
        while (pos + 4 <= file.length && (file[pos] & 0xFF) == 0xFF) {
            int marker = file[pos + 1] & 0xFF;
            if (marker == START_OF_SCAN) {
                break;
            }
            int length = u16(file, pos + 2, false);
            if (marker == APP1 && length >= 8 && startsWithExif(file, pos + 4)) {
                return fromTiff(file, pos + 10, Math.min(file.length, pos + 2 + length));
            }
            pos += 2 + length;
        }
        return UPRIGHT;
    }

    /** Turns the stored image upright. */
    static PngDecoder.RgbImage apply(int orientation, PngDecoder.RgbImage stored) {
        if (orientation < 2 || orientation > 8) {
            return stored;
        }
        int w = stored.width();
        int h = stored.height();
        boolean swapsSides = orientation >= 5;
        int outW = swapsSides ? h : w;
        int outH = swapsSides ? w : h;
        byte[] out = new byte[stored.rgb().length];
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    default -> { sx = w - 1 - y; sy = x; }
                }
                System.arraycopy(stored.rgb(), (sy * w + sx) * 3, out, (y * outW + x) * 3, 3);
            }
        }
        return new PngDecoder.RgbImage(outW, outH, out);
    }

    private static boolean startsWithExif(byte[] file, int at) {
        return at + 6 <= file.length && file[at] == 'E' && file[at + 1] == 'x' && file[at + 2] == 'i'
                && file[at + 3] == 'f' && file[at + 4] == 0 && file[at + 5] == 0;
    }

    /** Reads tag 0x0112 from IFD0 of the TIFF structure in {@code file[tiff, end)}. */
    private static int fromTiff(byte[] file, int tiff, int end) {
        if (tiff + 8 > end) {
            return UPRIGHT;
        }
        boolean little = file[tiff] == 'I' && file[tiff + 1] == 'I';
        if (!little && !(file[tiff] == 'M' && file[tiff + 1] == 'M') || u16(file, tiff + 2, little) != 42) {
            return UPRIGHT;
        }
        long ifd = tiff + u32(file, tiff + 4, little);
        if (ifd + 2 > end) {
            return UPRIGHT;
        }
        int entries = u16(file, (int) ifd, little);
        for (int i = 0; i < entries; i++) {
            int entry = (int) ifd + 2 + 12 * i;
            if (entry + 12 > end) {
                break;
            }
            if (u16(file, entry, little) == ORIENTATION_TAG) {
                int value = u16(file, entry + 8, little);
                return value >= 1 && value <= 8 ? value : UPRIGHT;
            }
        }
        return UPRIGHT;
    }

    private static int u16(byte[] b, int at, boolean little) {
        int first = b[at] & 0xFF;
        int second = b[at + 1] & 0xFF;
        return little ? second << 8 | first : first << 8 | second;
    }

    private static long u32(byte[] b, int at, boolean little) {
        long high = u16(b, little ? at + 2 : at, little);
        long low = u16(b, little ? at : at + 2, little);
        return high << 16 | low;
    }
}
