package enr4j.torch.io;

import enr4j.io.ByteSizes;

/**
 * Caps the bytes a reader may bring into memory for one model file, so that a small file cannot make it allocate
 * gigabytes (views that expand one element into a huge tensor, compressed records that inflate a thousandfold,
 * headers that declare sizes they do not hold).
 *
 * <p>The cap is {@code 2 * file size + 64 MiB}: room for every stored byte once as read and once as a contiguous
 * copy, plus slack for small files. A genuine checkpoint stores its tensors (PyTorch writes zip records
 * uncompressed), so it always fits; a file that expands beyond the cap is refused before the allocation.
 */
public final class ReadBudget {
    /** Slack above twice the file size. */
    public static final long SLACK_BYTES = 64L << 20;

    private final String source;
    private final long fileBytes;
    private final long limit;
    private long taken;

    /**
     * @param source    names the file in the refusal
     * @param fileBytes size of the file on disk (of the whole container for a record inside a zip)
     */
    public ReadBudget(String source, long fileBytes) {
        this.source = source;
        this.fileBytes = fileBytes;
        this.limit = limitFor(fileBytes);
    }

    /** The most bytes a reader may hold for a file of {@code fileBytes}. */
    public static long limitFor(long fileBytes) {
        return fileBytes > (Long.MAX_VALUE - SLACK_BYTES) / 2 ? Long.MAX_VALUE : 2 * fileBytes + SLACK_BYTES;
    }

    /**
     * Accounts for {@code bytes} about to be allocated.
     *
     * @param what names the tensor or record, e.g. {@code tensor 'w'}
     * @throws ModelFileException when the total would exceed the cap
     */
    public void take(long bytes, String what) {
        if (bytes < 0 || bytes > limit - taken) {
            throw new ModelFileException(source + ": " + what + " would need " + ByteSizes.format(bytes) + " in memory; "
                    + "a file of " + ByteSizes.format(fileBytes) + " may bring at most " + ByteSizes.format(limit)
                    + " (refusing a file that expands far beyond its size)");
        }
        taken += bytes;
    }
}
