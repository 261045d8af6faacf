package enr4j.torch.io;

import enr4j.io.AtomicFiles;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes uncompressed (STORED) zip entries whose data starts at a multiple of {@link #ALIGNMENT} bytes from
 * the start of the file, as PyTorch's own writer does, so storages can be memory-mapped in place.
 *
 * <p>The alignment comes from an extra field in each local header: id {@code "FB"} (bytes 0x46 0x42), a
 * 2-byte little-endian length, then that many zero bytes, sized so that
 * {@code headerOffset + 30 + nameLength + extraLength} is a multiple of 64.
 */
public final class AlignedZipWriter implements AutoCloseable {
    public static final int ALIGNMENT = 64;
    private static final int LOCAL_HEADER_BYTES = 30;
    private static final int EXTRA_FIELD_HEADER_BYTES = 4;
    /** Fixed entry time, so equal content gives byte-identical files. */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2020, 1, 1, 0, 0);

    private final CountingStream counter;
    private final ZipOutputStream zip;

    public AlignedZipWriter(OutputStream out) {
        this.counter = new CountingStream(out);
        this.zip = new ZipOutputStream(counter, StandardCharsets.UTF_8);
    }

    public void add(String name, byte[] data) throws IOException {
        add(name, out -> out.write(data));
    }

    public void add(String name, String text) throws IOException {
        add(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Adds an entry whose content {@code content} writes; it is called twice (once for the size and checksum a
     * stored entry declares up front, once for the data), so it must write the same bytes each time.
     */
    public void add(String name, AtomicFiles.Writer content) throws IOException {
        CheckedOutputStream measure = new CheckedOutputStream(OutputStream.nullOutputStream(), new CRC32());
        CountingStream measured = new CountingStream(measure);
        content.writeTo(measured);
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(measured.count);
        entry.setCompressedSize(measured.count);
        entry.setCrc(measure.getChecksum().getValue());
        entry.setTimeLocal(ENTRY_TIME);
        entry.setExtra(padding(counter.count, name.getBytes(StandardCharsets.UTF_8).length));
        zip.putNextEntry(entry);
        content.writeTo(zip);
        zip.closeEntry();
    }

    private static byte[] padding(long headerOffset, int nameLength) {
        long unpaddedDataStart = headerOffset + LOCAL_HEADER_BYTES + nameLength + EXTRA_FIELD_HEADER_BYTES;
        int pad = (int) ((ALIGNMENT - unpaddedDataStart % ALIGNMENT) % ALIGNMENT);
        byte[] extra = new byte[EXTRA_FIELD_HEADER_BYTES + pad];
        ByteBuffer.wrap(extra).order(ByteOrder.LITTLE_ENDIAN).put((byte) 'F').put((byte) 'B').putShort((short) pad);
        return extra;
    }

    /** Writes the central directory; leaves the underlying stream open for its owner to close. */
    @Override
    public void close() throws IOException {
        zip.finish();
        zip.flush();
    }

    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
