package enr4j.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.testing.ResidentMemory;
import enr4j.testing.TinyModels;
import enr4j.torch.StepScope;
import enr4j.torch.Torch;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Native memory must stay flat over many forward passes run in StepScopes; without them it grows. */
@Tag("slow")
class NativeMemoryTest {

    @Test
    void nativeMemoryStaysFlatOverAThousandForwardPasses() {
        Torch.seed(0);
        NeuralRenderer model = new NeuralRenderer(TinyModels.tiny());
        long handles = 0;
        long rss = 0;
        long worstHandles = 0;
        long worstRss = 0;
        for (int i = 0; i < 1000; i++) {
            try (StepScope scope = StepScope.noGrad()) {
                Tensor images = torch.rand(4, 3, 16, 16);
                Tensor rendered = model.render(model.inverseRender(images));
                rendered.sum().item_float();
            }
            if (i == 199) {
                handles = Pointer.totalCount();
                rss = ResidentMemory.residentBytes();
            } else if (i > 199 && i % 100 == 99) {
                worstHandles = Math.max(worstHandles, Pointer.totalCount() - handles);
                worstRss = Math.max(worstRss, ResidentMemory.residentBytes() - rss);
            }
        }
        // Nothing here collects garbage (a GPU never triggers a collection): handles a scope did not free would pile up.
        assertTrue(worstHandles < 100, worstHandles + " more live native handles after 800 passes");
        assertTrue(worstRss < 64L << 20, "resident memory grew by " + (worstRss >> 20) + " MiB over 800 passes");
    }
}
