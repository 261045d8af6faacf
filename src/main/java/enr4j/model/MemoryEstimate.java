package enr4j.model;

import enr4j.io.ByteSizes;
import enr4j.torch.DeviceMemory;
import java.util.OptionalLong;

/**
 * Memory a training run of an architecture needs, from its config alone, in fp32:
 * <pre>
 *   weights + gradients     = 2 x 4 bytes x parameters
 *   Adam's two moments      = 2 x 4 bytes x parameters
 *   activations             = ACTIVATION_FACTOR x 4 bytes x batch x activation elements per sample
 * </pre>
 * where the activation elements are those {@link ModelPlan#activationElementsPerSample} counts (every conv,
 * GroupNorm and residual output the backward pass reads). {@link #ACTIVATION_FACTOR} covers what the count
 * leaves out: GroupNorm's saved statistics, the gradients in flight during the backward pass and the allocator's
 * slack; {@code MemoryEstimateTest} measures a training step's peak against this figure. The perceptual loss's
 * VGG and the data loader are not included.
 *
 * @param parameters                  trainable parameters
 * @param activationElementsPerSample see {@link ModelPlan#activationElementsPerSample}
 * @param batchSize                   images per optimizer step on this device
 */
public record MemoryEstimate(long parameters, long activationElementsPerSample, int batchSize) {
    /** Measured peak over counted activations is below this on the CPU (see the class comment). */
    public static final double ACTIVATION_FACTOR = 2.0;

    /**
     * Refuses, before any model is built, a training run that would not fit {@code device} (physical RAM for
     * {@code cpu}, the GPU's memory for {@code cuda}; not checked where that is unknown).
     *
     * @param batchSize images per step on this device (the global batch over the data-parallel processes)
     * @throws ConfigException naming the estimate and the limit
     */
    public static void requireTrainingFits(ModelConfig config, int batchSize, String device, String source) {
        forTraining(config, batchSize).requireFits(DeviceMemory.totalBytes(device), device, source);
    }

    public static MemoryEstimate forTraining(ModelConfig config, int batchSize) {
        ModelPlan plan = ModelPlan.of(config);
        return new MemoryEstimate(plan.parameterCount(), plan.activationElementsPerSample(), batchSize);
    }

    /** Weights and their gradients. */
    public long weightBytes() {
        return saturating(8.0 * parameters);
    }

    /** Adam's first and second moments. */
    public long optimizerBytes() {
        return saturating(8.0 * parameters);
    }

    public long activationBytes() {
        return saturating(ACTIVATION_FACTOR * 4.0 * batchSize * activationElementsPerSample);
    }

    public long totalBytes() {
        return saturating((double) weightBytes() + optimizerBytes() + activationBytes());
    }

    /** e.g. {@code 6.9 GiB (weights and gradients 88 MiB, Adam 88 MiB, activations 6.7 GiB at batch 16)}. */
    public String describe() {
        return ByteSizes.format(totalBytes()) + " (weights and gradients " + ByteSizes.format(weightBytes())
                + ", Adam " + ByteSizes.format(optimizerBytes()) + ", activations " + ByteSizes.format(activationBytes())
                + " at batch " + batchSize + ")";
    }

    /**
     * Refuses, before anything is allocated, a run whose estimate exceeds the device's memory.
     *
     * @param deviceBytes the device's total memory; empty: unknown, nothing is checked
     * @param source      names the config in the message
     * @throws ConfigException naming the estimate and the limit
     */
    public void requireFits(OptionalLong deviceBytes, String device, String source) {
        if (deviceBytes.isPresent() && totalBytes() > deviceBytes.getAsLong()) {
            throw new ConfigException(source + ": training this model needs about " + describe() + ", more than the "
                    + ByteSizes.format(deviceBytes.getAsLong()) + " of " + device
                    + " (lower batch_size or the channel counts)");
        }
    }

    private static long saturating(double bytes) {
        return bytes >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) bytes;
    }
}
