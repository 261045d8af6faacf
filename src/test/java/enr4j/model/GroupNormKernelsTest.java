package enr4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.torch.cuda.KernelChoice;
import enr4j.torch.cuda.Kernels;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** On the CPU, {@code --kernels native} falls back to libtorch, says so once, and computes what libtorch does. */
@Tag("fast")
class GroupNormKernelsTest {
    @AfterEach
    void restore() {
        Kernels.request(KernelChoice.LIBTORCH);
    }

    @Test
    void nativeRequestOnTheCpuRunsLibtorchAndLogsItOnce() {
        Kernels.request(KernelChoice.LIBTORCH);
        Kernels.request(KernelChoice.NATIVE);
        int before = Kernels.linesLogged();
        try (PointerScope scope = new PointerScope()) {
            torch.manual_seed(3);
            LayerSequence seq = new LayerSequence.Builder().normAndActivation(16).build();
            GroupNorm norm = (GroupNorm) seq.layers().get(0);
            Tensor x = torch.randn(2, 16, 6, 5);
            Tensor y1 = seq.forward(x);
            Tensor y2 = seq.forward(x);
            Tensor expected = torch.leaky_relu(torch.group_norm(x, GroupNorm.groupsFor(16),
                    new TensorOptional(torch.ones(16)), new TensorOptional(torch.zeros(16)), 1e-5, true),
                    new Scalar(0.2));
            assertEquals(0.0, y1.sub(expected).abs().max().item_double(), 1e-6);
            assertEquals(0.0, y2.sub(expected).abs().max().item_double(), 1e-6);
            assertEquals(0.0, norm.forward(x).sub(torch.group_norm(x, GroupNorm.groupsFor(16))).abs().max().item_double(), 1e-6);
        }
        assertEquals(1, Kernels.linesLogged() - before, "one line for the CPU path");
        String line = Kernels.resolve(false).line();
        assertTrue(line.startsWith("kernels: libtorch's") && line.contains("CPU"), line);
    }

    @Test
    void cudaWithoutItsNativesResolvesToLibtorchWithAReason() {
        Kernels.request(KernelChoice.NATIVE);
        Kernels.Resolution r = Kernels.resolve(true);
        if (enr4j.torch.Torch.cudaAvailable()) {
            return; // on a GPU host the GPU tests cover the native path
        }
        assertFalse(r.nativeKernels());
        assertTrue(r.line().startsWith("kernels: libtorch's ("), r.line());
    }

    @Test
    void libtorchRequestIsAnsweredWithoutProbing() {
        Kernels.request(KernelChoice.LIBTORCH);
        Kernels.Resolution r = Kernels.resolve(true);
        assertFalse(r.nativeKernels());
        assertEquals("kernels: libtorch's (--kernels libtorch)", r.line());
    }

    @Test
    void badChoiceNamesTheValue() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> KernelChoice.parse("fast"));
        assertEquals("kernels must be native or libtorch, got 'fast'", e.getMessage());
    }
}
