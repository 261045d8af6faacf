package enr4j.data;

/** Builds JPEG variants for tests by inserting marker segments after the start-of-image marker. */
final class Jpegs {

    private Jpegs() {
    }

    static byte[] insertAfterSoi(byte[] jpeg, byte[] segment) {
        byte[] out = new byte[jpeg.length + segment.length];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(segment, 0, out, 2, segment.length);
        System.arraycopy(jpeg, 2, out, 2 + segment.length, jpeg.length - 2);
        return out;
    }

    /** Adds an APP1 EXIF segment whose IFD0 holds only the orientation tag (0x0112, SHORT), big-endian. */
    static byte[] withOrientation(byte[] jpeg, int orientation) {
        byte[] exif = {
            (byte) 0xFF, (byte) 0xE1, 0, 34, // APP1, length 34
            'E', 'x', 'i', 'f', 0, 0,
            'M', 'M', 0, 42, 0, 0, 0, 8, // TIFF header: big-endian, IFD0 at offset 8
            0, 1, // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, // orientation, SHORT, count 1, value
            0, 0, 0, 0 // no next IFD
        };
        return insertAfterSoi(jpeg, exif);
    }
}
