package enr4j.torch.cuda;

import enr4j.model.LayerSequence;
import org.bytedeco.pytorch.global.torch;

/** Run by {@link RuntimeWithoutCudaJarsTest} in a JVM with the runtime class path only (no CUDA presets' jars). */
public final class CpuKernelProbe {
    private CpuKernelProbe() {}

    public static void main(String[] args) {
        Kernels.request(KernelChoice.NATIVE);
        System.out.println(Kernels.resolve(true).line());
        LayerSequence seq = new LayerSequence.Builder().normAndActivation(8).build();
        System.out.println("shape " + java.util.Arrays.toString(seq.forward(torch.randn(2, 8, 3, 3)).shape()));
        System.out.println(Kernels.resolve(false).line());
        boolean[] ran = new boolean[1];
        CudaGraphs.Capture c = CudaGraphs.capture(() -> ran[0] = true);
        System.out.println("graph " + c.graph().isPresent() + ", work ran " + ran[0] + ", reason: " + c.reason());
    }
}
