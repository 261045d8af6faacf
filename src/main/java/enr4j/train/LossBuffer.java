package enr4j.train;

import enr4j.torch.StepScope;
import enr4j.torch.TensorOwner;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Loss values of the last steps, kept on the device ({@code capacity x 4}: total, regression, ssim and the sum of
 * the step's gradient) so that a step never waits for the device; read in one transfer when full, at epoch ends
 * and at stops. The gradient sum is finite exactly when every gradient element is (barring an overflow of the
 * sum itself, which is as bad): that is the non-finite check, for the price of one reduction per step and no
 * extra transfer.
 */
final class LossBuffer implements AutoCloseable {
    static final int COLUMNS = 4;

    private final TensorOwner owner = new TensorOwner();
    private final Tensor buffer;
    private final int capacity;
    private int pending;

    LossBuffer(int capacity, Device device) {
        this.capacity = capacity;
        try (StepScope scope = StepScope.open()) {
            this.buffer = owner.take(torch.zeros(capacity, COLUMNS).to(device, torch.ScalarType.Float));
        }
    }

    /**
     * Call inside the step's scope.
     *
     * @param gradientSum 0-dim float tensor: the sum of the step's (reduced) gradient
     */
    void record(RenderingLoss.Terms t, Tensor gradientSum) {
        Tensor row = torch.stack(new TensorVector(t.total().detach(), t.regression().detach(), t.ssim().detach(),
                gradientSum.to(torch.ScalarType.Float)), 0);
        buffer.select(0, pending).copy_(row);
        pending++;
    }

    boolean full() {
        return pending == capacity;
    }

    int pending() {
        return pending;
    }

    /** @return the pending rows ({@value #COLUMNS} values per step), read in one transfer */
    float[] drain() {
        if (pending == 0) {
            return new float[0];
        }
        try (StepScope scope = StepScope.open()) {
            float[] v = enr4j.torch.Tensors.toFloats(buffer.narrow(0, 0, pending));
            pending = 0;
            return v;
        }
    }

    @Override
    public void close() {
        owner.close();
    }
}
