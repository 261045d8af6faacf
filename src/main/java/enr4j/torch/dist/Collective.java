package enr4j.torch.dist;

import enr4j.torch.StepScope;
import org.bytedeco.javacpp.SizeTPointer;
import org.bytedeco.javacpp.chrono.Milliseconds;
import org.bytedeco.pytorch.Backend;
import org.bytedeco.pytorch.GlooDeviceVector;
import org.bytedeco.pytorch.ProcessGroupGloo;
import org.bytedeco.pytorch.Store;
import org.bytedeco.pytorch.TCPStore;
import org.bytedeco.pytorch.TCPStoreOptions;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.nccl.ProcessGroupNCCL;

/**
 * The processes of one data-parallel run and libtorch's c10d collectives between them: NCCL for CUDA tensors,
 * Gloo for CPU tensors, rendezvous through a TCP store on {@code MASTER_ADDR:MASTER_PORT} (torchrun's
 * environment: {@code RANK}, {@code WORLD_SIZE}, {@code MASTER_ADDR}, {@code MASTER_PORT}, {@code LOCAL_RANK}).
 */
public final class Collective implements AutoCloseable {
    private final int rank;
    private final int worldSize;
    private final int localRank;
    private final Store store;
    private final Backend backend;

    private Collective(int rank, int worldSize, int localRank, Store store, Backend backend) {
        this.rank = rank;
        this.worldSize = worldSize;
        this.localRank = localRank;
        this.store = store;
        this.backend = backend;
    }

    /**
     * @return the run described by the environment, or null for a single-process run (no {@code WORLD_SIZE}, or 1)
     * @throws IllegalArgumentException naming the variable that is missing or malformed
     */
    public static Collective fromEnvironment(boolean cuda) {
        String size = System.getenv("WORLD_SIZE");
        if (size == null || size.equals("1")) {
            return null;
        }
        int world = intVar("WORLD_SIZE", size);
        int rank = intVar("RANK", System.getenv("RANK"));
        String local = System.getenv("LOCAL_RANK");
        int localRank = local == null ? rank : intVar("LOCAL_RANK", local);
        String addr = System.getenv().getOrDefault("MASTER_ADDR", "127.0.0.1");
        int port = intVar("MASTER_PORT", System.getenv("MASTER_PORT"));
        if (rank < 0 || rank >= world) {
            throw new IllegalArgumentException("RANK=" + rank + " is outside WORLD_SIZE=" + world);
        }
        return connect(rank, world, localRank, addr, port, cuda);
    }

    private static int intVar(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException("distributed run: environment variable " + name + " is not set");
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("distributed run: " + name + "=" + value + " is not an integer");
        }
    }

    /** Joins (rank 0: hosts) the rendezvous and builds the process group. */
    public static Collective connect(int rank, int worldSize, int localRank, String host, int port, boolean cuda) {
        TCPStoreOptions options = new TCPStoreOptions();
        options.port((short) port).isServer(rank == 0).numWorkers(new SizeTPointer(1).put(worldSize))
                .waitWorkers(true).timeout(new Milliseconds(120_000)).useLibUV(false);
        Store store = new TCPStore(host, options);
        Backend backend;
        if (cuda) {
            backend = new ProcessGroupNCCL(store, rank, worldSize);
        } else {
            ProcessGroupGloo.Options gloo = ProcessGroupGloo.Options.create();
            gloo.devices(new GlooDeviceVector(ProcessGroupGloo.createDeviceForHostname(host)));
            backend = new ProcessGroupGloo(store, rank, worldSize, gloo);
        }
        return new Collective(rank, worldSize, localRank, store, backend);
    }

    public int rank() {
        return rank;
    }

    public int worldSize() {
        return worldSize;
    }

    /** The GPU index of this process on its host. */
    public int localRank() {
        return localRank;
    }

    public boolean isMain() {
        return rank == 0;
    }

    /** Replaces {@code t} (any shape, on this process's device) by the mean of its values over all processes. */
    public void allReduceMean(Tensor t) {
        try (StepScope scope = StepScope.open()) {
            backend.allreduce(new TensorVector(t))._wait();
            t.div_(new org.bytedeco.pytorch.Scalar((double) worldSize));
        }
    }

    /** Copies rank {@code root}'s {@code t} into every process's {@code t}. */
    public void broadcast(Tensor t) {
        try (StepScope scope = StepScope.open()) {
            backend.broadcast(new TensorVector(t))._wait();
        }
    }

    /** Waits until every process has reached this point. */
    public void barrier() {
        try (StepScope scope = StepScope.open()) {
            backend.barrier()._wait();
        }
    }

    @Override
    public void close() {
        backend.close();
        store.close();
    }
}
