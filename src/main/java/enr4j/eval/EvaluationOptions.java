package enr4j.eval;

import enr4j.torch.Precision;

/**
 * How {@link Evaluator} runs.
 *
 * @param sourceView index of the view each scene is inferred from (reference: 64)
 * @param batchSize  target views rendered per forward pass
 * @param device     libtorch device name: {@code cpu}, {@code cuda}, {@code cuda:N}
 * @param precision  compute precision (bf16: bfloat16 weight copies and activations on CUDA; on the CPU it runs as fp32)
 */
public record EvaluationOptions(int sourceView, int batchSize, String device, Precision precision) {
    /** The reference's source view. */
    public static final int DEFAULT_SOURCE_VIEW = 64;

    public EvaluationOptions {
        if (sourceView < 0) {
            throw new IllegalArgumentException("source view must be >= 0, got " + sourceView);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (device == null || precision == null) {
            throw new IllegalArgumentException("device and precision are required");
        }
    }

    /** Default batch for a device: 32 on CUDA, 8 on the CPU. */
    public static int defaultBatchSize(String device) {
        return device.startsWith("cuda") ? 32 : 8;
    }

    /** Source view 64, the device's default batch and precision. */
    public static EvaluationOptions defaults(String device) {
        return new EvaluationOptions(DEFAULT_SOURCE_VIEW, defaultBatchSize(device), device,
                Precision.defaultFor(device));
    }
}
