package enr4j.train;

import enr4j.torch.StepScope;
import enr4j.data.ViewIndex;
import enr4j.model.ConfigException;
import enr4j.torch.Tensors;
import enr4j.torch.Torch;
import enr4j.torch.dist.Collective;
import java.util.List;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The processes of a data-parallel run, or just this one: which part of every batch this process trains on, the
 * decisions all processes must take together, and the check that they hold the same weights. In a single-process
 * run every method is a plain local answer.
 *
 * <p>{@code batch_size} is the global batch: each of the W processes takes a contiguous 1/W of every batch, so
 * pairs stay whole and the learning rate needs no scaling (the averaged gradient equals one process's gradient
 * over the whole batch).
 */
final class DistributedContext implements AutoCloseable {
    private final Collective dist;
    private final int batchSize;
    private final int logEvery;
    private Device device;

    private DistributedContext(Collective dist, int batchSize, int logEvery) {
        this.dist = dist;
        this.batchSize = batchSize;
        this.logEvery = logEvery;
    }

    /** Joins the run this process belongs to (torchrun's environment), or stands alone. */
    static DistributedContext join(TrainingConfig config) {
        Collective dist = Collective.fromEnvironment(config.resolvedDevice().startsWith("cuda"));
        if (dist != null && config.batchSize() % (2 * dist.worldSize()) != 0) {
            dist.close();
            throw new ConfigException(config.source() + ": \"batch_size\" " + config.batchSize() + " over "
                    + dist.worldSize() + " processes must give each an even number of images (pairs stay whole)");
        }
        return new DistributedContext(dist, config.batchSize(), config.logEvery());
    }

    boolean distributed() {
        return dist != null;
    }

    /** Whether this process writes the run folder. */
    boolean isMain() {
        return dist == null || dist.isMain();
    }

    int rank() {
        return dist == null ? 0 : dist.rank();
    }

    int worldSize() {
        return dist == null ? 1 : dist.worldSize();
    }

    /** The device of this process: its own GPU of a data-parallel CUDA run, else the configured one. */
    Device device(String configured) {
        boolean cuda = configured.startsWith("cuda");
        device = Torch.device(dist != null && cuda ? "cuda:" + dist.localRank() : configured);
        return device;
    }

    /** Starts every process from the main one's weights and averages gradients over all of them. */
    void shareWeights(FlatAdam optimizer) {
        if (dist == null) {
            return;
        }
        dist.broadcast(optimizer.master());
        optimizer.syncComputeCopies();
        requireIdenticalWeights(optimizer, "after the initial broadcast");
        optimizer.reduceGradientsWith(dist::allReduceMean);
    }

    /** This process's contiguous 1/W of every global batch (all of it in a single-process run). */
    List<List<ViewIndex>> shard(List<List<ViewIndex>> batches) {
        if (dist == null) {
            return batches;
        }
        int per = batchSize / dist.worldSize();
        int from = dist.rank() * per;
        return batches.stream().map(b -> b.subList(from, from + per)).toList();
    }

    /**
     * Flags that are true when any process raised them. Clocks and signals differ between processes, so they
     * decide together, at the steps where losses are read anyway, so that no process waits in an all-reduce for
     * one that has stopped. Between those steps a data-parallel run decides nothing (null).
     */
    boolean[] agree(long globalStep, boolean... flags) {
        if (dist == null) {
            return flags;
        }
        if (globalStep % logEvery != 0) {
            return null;
        }
        float[] v = vote(flags);
        boolean[] out = new boolean[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] > 0;
        }
        return out;
    }

    /** True when {@code local} is true on any process (called at the same point by all of them). */
    boolean any(boolean local) {
        return dist == null ? local : vote(local)[0] > 0;
    }

    private float[] vote(boolean... flags) {
        float[] v = new float[flags.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = flags[i] ? 1 : 0;
        }
        try (StepScope scope = StepScope.open()) {
            Tensor votes = Tensors.upload(Tensor.create(v, v.length), device);
            dist.allReduceMean(votes);
            return Tensors.toFloats(votes);
        }
    }

    /**
     * Every process must hold the same weights: compares a checksum of the master weights across processes.
     *
     * @throws IllegalStateException when they differ
     */
    void requireIdenticalWeights(FlatAdam optimizer, String when) {
        if (dist == null) {
            return;
        }
        try (StepScope scope = StepScope.noGrad()) {
            double sum = optimizer.master().to(torch.ScalarType.Double).sum().item_double();
            Tensor stats = Tensors.upload(Tensor.create(new double[] {sum, sum * sum}, 2), device);
            dist.allReduceMean(stats);
            Tensor c = stats.cpu().to(torch.ScalarType.Double).contiguous();
            double[] s = new double[2];
            new DoublePointer(c.data_ptr()).get(s);
            double variance = s[1] - s[0] * s[0];
            if (Math.abs(s[0] - sum) > 1e-9 * (1 + Math.abs(sum)) || variance > 1e-9 * (1 + sum * sum)) {
                throw new IllegalStateException("rank " + dist.rank() + ": weights differ between processes " + when);
            }
        }
    }

    @Override
    public void close() {
        if (dist != null) {
            dist.close();
        }
    }
}
