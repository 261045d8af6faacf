package enr4j.torch.cuda;

/** Which kernels run the operations enr4j has its own CUDA kernels for (GroupNorm and the LeakyReLU after it). */
public enum KernelChoice {
    /** enr4j's fused CUDA kernels where the device and the tensors allow them, libtorch's everywhere else. */
    NATIVE,
    /** libtorch's operators only. */
    LIBTORCH;

    /** @throws IllegalArgumentException naming the value when it is neither {@code native} nor {@code libtorch} */
    public static KernelChoice parse(String s) {
        return switch (s.trim().toLowerCase()) {
            case "native" -> NATIVE;
            case "libtorch" -> LIBTORCH;
            default -> throw new IllegalArgumentException("kernels must be native or libtorch, got '" + s + "'");
        };
    }

    /** The name used on the command line and in the {@code enr4j.kernels} system property. */
    public String configName() {
        return name().toLowerCase();
    }
}
