package enr4j.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.testing.ResidentMemory;
import enr4j.testing.TinyModels;
import enr4j.torch.Torch;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/** Resident memory must stay flat over many forward passes run in PointerScopes. */
class NativeMemoryTest {

    @Test
    void residentMemoryStaysFlatOverAThousandForwardPasses() {
        Torch.seed(0);
        NeuralRenderer model = new NeuralRenderer(TinyModels.tiny());
        long baseline = 0;
        long worst = 0;
        long handles = 0;
        long worstHandles = 0;
        for (int i = 0; i < 1000; i++) {
            try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
                Tensor images = torch.rand(4, 3, 16, 16);
                Tensor rendered = model.render(model.inverseRender(images));
                rendered.sum().item_float();
            }
            if (i == 199) {
                handles = org.bytedeco.javacpp.Pointer.totalCount(); // before nativeBytes() collects garbage
                baseline = ResidentMemory.nativeBytes();
            } else if (i > 199 && i % 100 == 99) {
                worstHandles = Math.max(worstHandles, org.bytedeco.javacpp.Pointer.totalCount() - handles);
                worst = Math.max(worst, ResidentMemory.nativeBytes() - baseline);
            }
        }
        long growth = worst;
        // No native handle outlives its pass: this catches what only a garbage collection would free.
        assertTrue(worstHandles < 100, worstHandles + " more live native handles after 800 passes");
        // Without scopes this loop grows by hundreds of MiB between collections; allow allocator noise only.
        assertTrue(growth < 64L << 20, "native resident memory grew by " + (growth >> 20) + " MiB over 800 passes");
    }
}
