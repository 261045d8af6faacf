package enr4j.data;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal lossless WebP (VP8L) encoder for tests, written from the WebP Lossless Bitstream Specification (RFC 9649):
 * no transforms, no colour cache, no backward references; every ARGB channel is a literal under a fixed 8-bit prefix
 * code. The files are large, but any conforming decoder must return exactly the encoded pixels.
 */
final class LosslessWebp {

    /** Code length code order (RFC 9649, section 3.7.2.1.2): 17, 18, 0, 1, 2, 3, 4, 5, 16, 6, 7, 8, ... */
    private static final int CODE_LENGTH_CODES_UP_TO_8 = 12;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private long bitBuffer;
    private int bitCount;

    private LosslessWebp() {
    }

    /** @param argb pixels in row order, 0xAARRGGBB */
    static byte[] encode(int width, int height, int[] argb) {
        LosslessWebp w = new LosslessWebp();
        w.bits(0x2F, 8); // signature
        w.bits(width - 1, 14);
        w.bits(height - 1, 14);
        boolean alpha = false;
        for (int p : argb) {
            alpha |= (p >>> 24) != 0xFF;
        }
        w.bits(alpha ? 1 : 0, 1);
        w.bits(0, 3); // version
        w.bits(0, 1); // no transform
        w.bits(0, 1); // no colour cache
        w.bits(0, 1); // no meta prefix codes
        w.eightBitCode(256 + 24); // green + length prefixes: the 256 literals only
        w.eightBitCode(256); // red
        w.eightBitCode(256); // blue
        w.eightBitCode(256); // alpha
        w.bits(1, 1); // distance: simple code,
        w.bits(0, 1); // one symbol,
        w.bits(0, 1); // of one bit:
        w.bits(0, 1); // symbol 0 (never read: there are no backward references)
        for (int p : argb) {
            w.symbol(p >>> 8 & 0xFF);
            w.symbol(p >>> 16 & 0xFF);
            w.symbol(p & 0xFF);
            w.symbol(p >>> 24);
        }
        return w.riff();
    }

    /** A normal prefix code giving symbols 0..255 length 8 and the rest of the alphabet length 0. */
    private void eightBitCode(int alphabetSize) {
        bits(0, 1); // normal code
        bits(CODE_LENGTH_CODES_UP_TO_8 - 4, 4);
        // code length code lengths, in the specified order: only the symbols 0 (index 2) and 8 (index 11), 1 bit each
        for (int i = 0; i < CODE_LENGTH_CODES_UP_TO_8; i++) {
            bits(i == 2 || i == 11 ? 1 : 0, 3);
        }
        bits(0, 1); // max_symbol = alphabet size
        for (int s = 0; s < alphabetSize; s++) {
            bits(s < 256 ? 1 : 0, 1); // canonical codes: symbol 0 is "0", symbol 8 is "1"
        }
    }

    /** A literal under the 8-bit canonical code (code = symbol), sent most significant bit first. */
    private void symbol(int value) {
        for (int bit = 7; bit >= 0; bit--) {
            bits(value >>> bit & 1, 1);
        }
    }

    /** Appends bits least significant first, as VP8L packs them. */
    private void bits(int value, int count) {
        bitBuffer |= (long) (value & ((1 << count) - 1)) << bitCount;
        bitCount += count;
        while (bitCount >= 8) {
            bytes.write((int) (bitBuffer & 0xFF));
            bitBuffer >>>= 8;
            bitCount -= 8;
        }
    }

    private byte[] riff() {
        if (bitCount > 0) {
            bits(0, 8 - bitCount);
        }
        byte[] data = bytes.toByteArray();
        int padded = data.length + (data.length & 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        le32(out, 4 + 8 + padded);
        out.writeBytes("WEBPVP8L".getBytes(StandardCharsets.US_ASCII));
        le32(out, data.length);
        out.writeBytes(data);
        if ((data.length & 1) == 1) {
            out.write(0);
        }
        return out.toByteArray();
    }

    private static void le32(ByteArrayOutputStream out, int value) {
        for (int i = 0; i < 4; i++) {
            out.write(value >>> 8 * i & 0xFF);
        }
    }
}
