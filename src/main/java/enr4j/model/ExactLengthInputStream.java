package enr4j.model;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A zip entry's data, held to the size its directory declares: a byte beyond it is an error (a forged size
 * cannot make the entry inflate without bound), and so is an end before it.
 */
final class ExactLengthInputStream extends FilterInputStream {
    private final long length;
    private final String source;
    private long read;

    ExactLengthInputStream(InputStream in, long length, String source) {
        super(in);
        this.length = length;
        this.source = source;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (read >= length) {
            if (in.read() >= 0) {
                throw new IOException(source + " holds more bytes than the " + length + " its zip entry declares");
            }
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, length - read));
        if (n < 0) {
            throw new EOFException(source + " ends after " + read + " of the " + length + " bytes its zip entry declares");
        }
        read += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }
}
