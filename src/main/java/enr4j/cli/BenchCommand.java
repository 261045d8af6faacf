package enr4j.cli;

import enr4j.model.ModelConfig;
import enr4j.torch.Precision;
import enr4j.train.TrainingBenchmark;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code enr bench}: training and inference speed on a synthetic workload. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time the training step and 1-image-to-16-views inference on random data.",
                "On CUDA with the flat Adam it also reports the step's kernels per step (graph_nodes_per_step) and its"
                        + " GPU-busy time (gpu_busy_ms_per_step: the same step replayed back to back as a CUDA graph),"
                        + " so the share of a step lost to host launches can be read off."})
final class BenchCommand implements Callable<Integer> {
    private static final int MAX_STEPS = 1_000_000;

    @Option(names = "--config", description = "model config (default: the reference architecture)")
    Path config;

    @Option(names = "--batch", defaultValue = "16", description = "images per step (even; default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--size", description = "image size in px (default: the config's)")
    Integer size;


    @Option(names = "--steps", defaultValue = "30", description = "timed training steps, 0 for inference only (default ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--warmup", defaultValue = "10", description = "untimed warm-up steps (default ${DEFAULT-VALUE})")
    int warmup;


    @Option(names = "--inference-calls", defaultValue = "20",
            description = "timed 1-image-to-16-views calls, after 5 untimed (default ${DEFAULT-VALUE})")
    int inferenceCalls;

    @Option(names = "--libtorch-adam", description = "use libtorch's per-tensor Adam instead of the flat one")
    boolean libtorchAdam;

    @Option(names = "--peak-tflops",
            description = "the device's peak for the utilisation figure (default on a GPU: 790, an H200's dense bf16)")
    Double peakTflops;

    @Option(names = "--memory-trace", paramLabel = "FILE",
            description = {"write a memory trace of the window the peak GPU memory is measured over (CUDA): every"
                    + " allocation and free of libtorch's caching allocator, tagged with the model part, step or phase"
                    + " that made it; FILE gets the peak, the blocks live at it by tag and size, and a timeline of"
                    + " tags. Recording slows allocations: read the memory figures of such a run, not its times."})
    Path memoryTrace;

    @Mixin
    ComputeOptions compute;

    @Override
    public Integer call() throws Exception {
        OptionBounds.check("--batch", batch, 2, OptionBounds.MAX_BATCH);
        OptionBounds.checkIfGiven("--size", size, 8, OptionBounds.MAX_MODEL_IMAGE_SIZE);
        OptionBounds.check("--steps", steps, 0, MAX_STEPS);
        OptionBounds.check("--warmup", warmup, 0, MAX_STEPS);
        String dev = compute.device();
        Precision p = compute.precision();
        ModelConfig c = config == null ? ModelConfig.reference()
                : ModelSource.readConfig(config);
        if (size != null) {
            c = new ModelConfig(List.of(c.imageChannels(), size, size), c.channels2d(), c.strides2d(), c.channels3d(),
                    c.strides3d(), c.numChannelsInvProjection(), c.numChannelsProjection(), c.mode(), c.sceneExtent());
        }
        if (inferenceCalls < 1) {
            throw new IllegalArgumentException("--inference-calls must be >= 1, got " + inferenceCalls);
        }
        if (memoryTrace != null && steps == 0) {
            throw new IllegalArgumentException("--memory-trace traces the training steps: give --steps 1 or more");
        }
        if (batch < 2 || batch % 2 != 0) {
            throw new IllegalArgumentException("--batch must be even and >= 2, got " + batch);
        }
        boolean graphs = enr4j.torch.cuda.CudaGraphs.requested() && dev.startsWith("cuda");
        boolean channelsLast = enr4j.torch.ActivationLayout.channelsLastRequested();
        var r = TrainingBenchmark.run(new TrainingBenchmark.Settings(c, batch, p, dev, warmup, steps, inferenceCalls,
                libtorchAdam, channelsLast, graphs, memoryTrace));
        System.out.printf("device: %s%nprecision: %s%nbatch: %d%nsize: %d%nparameters: %,d%n", dev,
                p.configName() + (libtorchAdam ? " (libtorch Adam)" : " (flat Adam)")
                + (channelsLast ? " channels-last" : "") + (graphs ? " graphs" : ""), batch, c.imageSize(),
                r.parameters());
        boolean gpu = dev.startsWith("cuda");
        if (steps > 0) {
            System.out.printf("train_ms_per_iteration: %.2f%ntrain_images_per_s: %.1f%n", r.msPerIteration(),
                    r.imagesPerSecond());
            if (gpu) {
                System.out.printf("peak_gpu_memory_gib: %.2f%n", r.peakGib());
            }
            System.out.printf("gflop_per_iteration: %.1f%nachieved_tflops: %.1f%n", r.gflopPerIteration(),
                    r.trainTflops());
            if (gpu || peakTflops != null) {
                double peak = peakTflops != null ? peakTflops : 790;
                System.out.printf("utilisation_of_peak: %.1f%%%n", 100 * r.trainTflops() / peak);
            }
        }
        System.out.printf("inference_ms_1_to_16_views: %.2f%ninference_ms_1_to_1_view: %.2f%n", r.inferenceMs(),
                r.oneViewMs());
        if (r.graphNodesPerStep() > 0) {
            System.out.printf("graph_nodes_per_step: %d%n", r.graphNodesPerStep());
        }
        if (!Double.isNaN(r.gpuBusyMs())) {
            // the step's kernels back to back (a graph replay): what is left of a step once launches cost nothing
            System.out.printf("gpu_busy_ms_per_step: %.2f%nhost_bound_share: %.0f%%%n", r.gpuBusyMs(),
                    100 * Math.max(0, 1 - r.gpuBusyMs() / r.msPerIteration()));
        }
        if (r.eagerReason() != null) {
            System.out.println("graphs: off (" + r.eagerReason() + ")");
        }
        return 0;
    }
}
