package enr4j.torch;

import org.bytedeco.pytorch.global.torch;

/**
 * Numeric precision of the network's compute. Master weights and the optimizer stay float32 in
 * every mode; only activations and the weights the kernels read change.
 */
public enum Precision {
    /** float32 everywhere, TF32 tensor cores off. */
    FP32,
    /** float32 storage, TF32 tensor-core matmuls and convolutions on CUDA. */
    TF32,
    /** bfloat16 activations and weight copies, float32 master weights and loss. */
    BF16,
    /** float32 weights and activations, convolutions autocast to bfloat16 on CUDA (for comparison). */
    BF16_AUTOCAST;

    public static Precision parse(String s) {
        return switch (s.toLowerCase()) {
            case "fp32" -> FP32;
            case "tf32" -> TF32;
            case "bf16" -> BF16;
            case "bf16-autocast" -> BF16_AUTOCAST;
            default -> throw new IllegalArgumentException(
                    "precision must be fp32, tf32, bf16 or bf16-autocast, got '" + s + "'");
        };
    }

    /** The default for a device: bf16 on CUDA, fp32 on the CPU. */
    /** The name used on the command line and in configs. */
    public String configName() {
        return name().toLowerCase().replace('_', '-');
    }

    public static Precision defaultFor(String device) {
        return device.startsWith("cuda") ? BF16 : FP32;
    }

    /** The dtype of activations in this mode. */
    public torch.ScalarType computeType() {
        return this == BF16 ? torch.ScalarType.BFloat16 : torch.ScalarType.Float;
    }

    /** Applies the process-wide switches this mode needs (TF32 flags, cuDNN autotuning on CUDA). */
    public void configure(boolean cuda) {
        var ctx = torch.globalContext();
        boolean tf32 = this != FP32;
        ctx.setFloat32MatmulPrecision(tf32 ? "high" : "highest");
        ctx.setAllowTF32CuDNN(tf32);
        if (cuda) {
            ctx.setBenchmarkCuDNN(true);
        }
    }
}
