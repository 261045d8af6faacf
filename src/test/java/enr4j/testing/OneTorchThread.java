package enr4j.testing;

import enr4j.torch.Torch;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class on one libtorch thread and restores the count afterwards: CPU kernels are then deterministic
 * (bitwise resume), and on a shared 2-core machine two OpenMP threads under contention ran the tiny model 10-40x
 * slower than one. Use with {@code @ExtendWith(OneTorchThread.class)}.
 */
public final class OneTorchThread implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(OneTorchThread.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NS).put("threads", torch.get_num_threads());
        Torch.threads(1);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Torch.threads(context.getStore(NS).get("threads", Integer.class));
    }
}
