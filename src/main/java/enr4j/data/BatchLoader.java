package enr4j.data;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.UnaryOperator;

/**
 * Iterates over the batches of one epoch, assembled ahead of time by a background thread into a bounded
 * queue, so the consumer does not wait on disk or decoding. Close it (try-with-resources) to stop the
 * thread early. A failure in the background thread is rethrown to the consumer by {@link #next()} /
 * {@link #hasNext()} as a {@link DatasetException} whose message says which batch failed and why.
 */
public final class BatchLoader implements Iterator<Batch>, AutoCloseable {

    /** Default number of batches prepared ahead. */
    public static final int DEFAULT_PREFETCH = 4;

    private static final Object END = new Object();

    private final BlockingQueue<Object> queue;
    private final Thread worker;
    private Object next;
    private boolean finished;
    private volatile boolean closed;

    /**
     * Starts loading {@code batches} in the background.
     *
     * @param store    image source
     * @param batches  image addresses of each batch, in order
     * @param prefetch maximum batches prepared ahead (at least 1)
     */
    public BatchLoader(ImageStore store, List<List<ViewIndex>> batches, int prefetch) {
        this(store, batches, prefetch, UnaryOperator.identity());
    }

    /**
     * Starts loading {@code batches} in the background, passing each assembled batch through {@code transform}
     * on the background thread (e.g. {@link ColourAugmentation#forEpoch}).
     *
     * @param store     image source
     * @param batches   image addresses of each batch, in order
     * @param prefetch  maximum batches prepared ahead (at least 1)
     * @param transform applied to every batch before it is queued
     */
    public BatchLoader(ImageStore store, List<List<ViewIndex>> batches, int prefetch, UnaryOperator<Batch> transform) {
        if (prefetch < 1) {
            throw new DatasetException("prefetch must be at least 1, got " + prefetch);
        }
        this.queue = new ArrayBlockingQueue<>(prefetch);
        BatchAssembler assembler = new BatchAssembler(store);
        List<List<ViewIndex>> work = List.copyOf(batches);
        this.worker = new Thread(() -> produce(assembler, work, transform), "enr4j-batch-loader");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    /** Loads this sampler's batches of {@code epoch} with {@link #DEFAULT_PREFETCH} batches of prefetch. */
    public static BatchLoader forEpoch(ImageStore store, PairSampler sampler, long epoch) {
        return new BatchLoader(store, sampler.batches(epoch), DEFAULT_PREFETCH);
    }

    private void produce(BatchAssembler assembler, List<List<ViewIndex>> batches, UnaryOperator<Batch> transform) {
        try {
            for (int k = 0; k < batches.size() && !closed; k++) {
                Object item;
                try {
                    item = transform.apply(assembler.assemble(batches.get(k)));
                } catch (RuntimeException e) {
                    item = new DatasetException("batch loader failed on batch " + k + ": " + e.getMessage(), e);
                }
                queue.put(item);
                if (item instanceof DatasetException) {
                    return;
                }
            }
            queue.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean hasNext() {
        if (finished) {
            return false;
        }
        if (next == null) {
            if (closed) {
                throw new IllegalStateException("batch loader is closed");
            }
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DatasetException("interrupted while waiting for the next batch", e);
            }
        }
        if (next == END) {
            finished = true;
            return false;
        }
        if (next instanceof DatasetException failure) {
            finished = true;
            close();
            throw failure;
        }
        return true;
    }

    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more batches in this epoch");
        }
        Batch batch = (Batch) next;
        next = null;
        return batch;
    }

    /** Stops the background thread and waits for it to end. Idempotent. */
    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        queue.clear();
    }

    /** @return true while the background thread is running (for tests and diagnostics) */
    boolean workerAlive() {
        return worker.isAlive();
    }
}
