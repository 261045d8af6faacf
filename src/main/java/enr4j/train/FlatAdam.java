package enr4j.train;

import enr4j.model.WeightSlot;
import enr4j.torch.ActivationLayout;
import enr4j.torch.Precision;
import enr4j.torch.StepScope;
import enr4j.torch.TensorOwner;
import enr4j.torch.Tensors;
import enr4j.torch.io.RawTensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Adam (betas 0.9, 0.999, eps 1e-8, PyTorch's update rule) over one flat buffer: every parameter is a
 * view into a single float32 master vector, every gradient a view into a single gradient vector, so one
 * update is a handful of kernels whatever the number of parameters.
 *
 * <p>In {@link Precision#BF16} the layers compute with bfloat16 copies (views into one bfloat16
 * vector); their gradients land in a bfloat16 gradient vector, are widened once per step, and the
 * master is narrowed back into the copies after the update.
 *
 * <p>With channels-last activations ({@link ActivationLayout}) the convolution weights' segments are laid out
 * channels-last too, so the layers read them without a copy per step; saved state is in contiguous order either way.
 *
 * <p>Freezing: a parameter whose {@code requires_grad} is off is left untouched, moments included, so
 * moments survive phase changes. Build it after the model is on its device and its weights are loaded
 * (or call {@link #syncComputeCopies()} after loading).
 */
public final class FlatAdam implements ParameterOptimizer {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private final List<WeightSlot> slots;
    private final FlatSegments segments;
    private final Tensor master;
    private final Tensor gradient;
    private final Tensor computeWeights;
    private final Tensor exp;
    private final Tensor expSq;
    private final Tensor steps;
    /** Owns the flat vectors and the update mask. */
    private final TensorOwner buffers = new TensorOwner();
    private Tensor trainableMask;
    private boolean[] trainable;
    private double lr;
    /** Averages the float32 gradient over the processes of a data-parallel run (null: one process). */
    private java.util.function.Consumer<Tensor> gradientReducer;
    /** Steps taken by every parameter alike, or -1 once some were frozen (then {@code steps} holds the counts). */
    private long uniformSteps;
    /** The learning rate as a 0-dim float32 device tensor once {@link #keepScalarsOnDevice()} was called, else null. */
    private Tensor deviceLr;

    public FlatAdam(List<WeightSlot> slots, double lr, Precision precision) {
        this(slots, lr, precision, ActivationLayout.channelsLastRequested());
    }

    /** @param channelsLastWeights lay 4D and 5D weights out channels-last in the flat vectors */
    FlatAdam(List<WeightSlot> slots, double lr, Precision precision, boolean channelsLastWeights) {
        this.slots = List.copyOf(slots);
        this.lr = lr;
        this.segments = new FlatSegments(slots.stream().map(sl -> sl.parameter().shape()).toList(),
                channelsLastWeights);
        long n = segments.total();
        Tensor first = slots.get(0).parameter();
        var options = Tensors.floatOptions(first.device());
        master = buffers.take(torch.empty(new long[] {n}, options, new org.bytedeco.pytorch.MemoryFormatOptional()));
        exp = buffers.take(torch.zeros(new long[] {n}, options));
        expSq = buffers.take(torch.zeros(new long[] {n}, options));
        steps = buffers.take(torch.zeros(new long[] {n}, options));
        boolean lowPrecision = precision == Precision.BF16;
        try (StepScope scope = StepScope.noGrad()) {
            for (int i = 0; i < slots.size(); i++) {
                Tensor p = slots.get(i).parameter();
                Tensor view = slice(master, i);
                view.copy_(p);
                p.set_data(view);
            }
            computeWeights = lowPrecision ? buffers.take(master.to(torch.ScalarType.BFloat16)) : null;
            gradient = buffers.take(torch.zeros_like(lowPrecision ? computeWeights : master));
            for (int i = 0; i < slots.size(); i++) {
                WeightSlot slot = slots.get(i);
                Tensor grad = slice(gradient, i);
                if (lowPrecision) {
                    Tensor copy = slice(computeWeights, i);
                    copy.requires_grad_(slot.parameter().requires_grad());
                    copy.mutable_grad().put(grad);
                    slot.useComputeCopy(copy);
                } else {
                    slot.parameter().mutable_grad().put(grad);
                }
            }
        }
        refreshTrainable();
    }

    /** Parameter i's slice of a flat vector, shaped like the parameter (channels-last for conv weights when asked). */
    private Tensor slice(Tensor flat, int i) {
        return segments.view(flat, i);
    }

    /**
     * A vector laid out like the master with every parameter in contiguous order, as files hold it (the master
     * itself when no weight is channels-last); call inside a scope.
     */
    Tensor inContiguousOrder(Tensor flat) {
        return segments.toContiguousOrder(flat);
    }

    /** The inverse of {@link #inContiguousOrder}: writes {@code contiguous} into {@code flat}. */
    void copyFromContiguousOrder(Tensor contiguous, Tensor flat) {
        segments.copyFromContiguousOrder(contiguous, flat);
    }

    /** The flat float32 master vector every parameter is a view of (live, on the model's device). */
    Tensor master() {
        return master;
    }

    /**
     * The sum of the step's flat gradient (0-dim, on the device; call inside a scope): finite exactly when every
     * gradient element is, so the trainer can check a step without reading the gradient back.
     */
    Tensor gradientSum() {
        return gradient.sum();
    }

    /** Copies the master weights into the bfloat16 compute copies (after loading weights into the model). */
    public void syncComputeCopies() {
        if (computeWeights != null) {
            try (StepScope scope = StepScope.noGrad()) {
                computeWeights.copy_(master);
            }
        }
    }

    @Override
    public void zeroGrad() {
        refreshTrainable();
        try (StepScope scope = StepScope.noGrad()) {
            gradient.zero_();
        }
    }

    /** The parameters' requires_grad flags as they are now, in slot order. */
    boolean[] trainableNow() {
        boolean[] now = new boolean[slots.size()];
        for (int i = 0; i < now.length; i++) {
            now[i] = slots.get(i).parameter().requires_grad();
        }
        return now;
    }

    /** Mirrors the parameters' requires_grad flags into the compute copies and the update mask. */
    private void refreshTrainable() {
        boolean[] now = trainableNow();
        if (trainable != null && java.util.Arrays.equals(trainable, now)) {
            return;
        }
        trainable = now;
        boolean all = true;
        for (boolean t : now) {
            all &= t;
        }
        try (StepScope scope = StepScope.open()) {
            for (int i = 0; i < slots.size(); i++) {
                if (slots.get(i).hasComputeCopy()) {
                    slots.get(i).forCompute().requires_grad_(now[i]);
                }
            }
            Tensor mask = null;
            if (!all) {
                mask = torch.zeros_like(master);
                for (int i = 0; i < slots.size(); i++) {
                    if (now[i]) {
                        mask.narrow(0, segments.offset(i), segments.length(i)).fill_(new Scalar(1.0));
                    }
                }
            }
            trainableMask = buffers.replace(trainableMask, mask);
        }
    }

    @Override
    public void step() {
        try (StepScope scope = StepScope.noGrad()) {
            Tensor grad = computeWeights != null ? gradient.to(torch.ScalarType.Float) : gradient;
            if (gradientReducer != null) {
                gradientReducer.accept(grad);
            }
            if (trainableMask == null && uniformSteps >= 0 && deviceLr == null) {
                steps.add_(new Scalar(1.0));
                double t = ++uniformSteps;
                exp.lerp_(grad, new Scalar(1 - BETA1));
                expSq.mul_(new Scalar(BETA2)).addcmul_(grad, grad, new Scalar(1 - BETA2));
                double bc1 = 1 - Math.pow(BETA1, t);
                double bc2 = 1 - Math.pow(BETA2, t);
                Tensor denom = expSq.sqrt().div_(new Scalar(Math.sqrt(bc2))).add_(new Scalar(EPS));
                master.addcdiv_(exp, denom, new Scalar(-lr / bc1));
            } else {
                uniformSteps = -1;
                Tensor m = trainableMask != null ? trainableMask : torch.ones_like(master);
                steps.add_(m);
                exp.lerp_(grad, m.mul(new Scalar(1 - BETA1)));
                expSq.lerp_(grad.mul(grad), m.mul(new Scalar(1 - BETA2)));
                Tensor t = steps.clamp_min(new Scalar(1.0));
                Tensor bc1 = torch.pow(new Scalar(BETA1), t).neg_().add_(new Scalar(1.0));
                Tensor bc2 = torch.pow(new Scalar(BETA2), t).neg_().add_(new Scalar(1.0));
                Tensor denom = expSq.div(bc2).sqrt_().add_(new Scalar(EPS));
                Tensor update = exp.div(bc1).div_(denom).mul_(m);
                master.sub_(deviceLr != null ? update.mul_(deviceLr) : update.mul_(new Scalar(lr)));
            }
            if (computeWeights != null) {
                computeWeights.copy_(master);
            }
        }
    }

    /**
     * Makes every update use the gradient averaged over the processes of a data-parallel run: {@code reducer}
     * replaces the flat float32 gradient in place (one all-reduce per step, whatever the number of parameters).
     */
    public void reduceGradientsWith(java.util.function.Consumer<Tensor> reducer) {
        this.gradientReducer = reducer;
    }

    @Override
    public void setLearningRate(double lr) {
        this.lr = lr;
        if (deviceLr != null) {
            try (StepScope scope = StepScope.noGrad()) {
                deviceLr.fill_(new Scalar(lr));
            }
        }
    }

    /**
     * Makes {@link #step()} launch device work only, with every number that changes between steps (step counts,
     * bias corrections, the learning rate) read from device tensors, so that a step can be captured once as a CUDA
     * graph and replayed. Call outside a capture; {@link #setLearningRate} then updates the device copy (also
     * outside a capture). The update is PyTorch's Adam either way; only the order of a few roundings differs.
     */
    public void keepScalarsOnDevice() {
        if (deviceLr == null) {
            try (StepScope scope = StepScope.noGrad()) {
                deviceLr = buffers.take(torch.full(new long[] {}, new Scalar(lr), Tensors.floatOptions(master.device())));
            }
            uniformSteps = -1;
        }
    }

    public double learningRate() {
        return lr;
    }

    /** The optimizer state (first and second moments, step counts) as CPU tensors. */
    public Map<String, RawTensor> state() {
        Map<String, RawTensor> out = new LinkedHashMap<>();
        try (StepScope scope = StepScope.open()) {
            out.put("exp_avg", RawTensor.fromTorch(inContiguousOrder(exp)));
            out.put("exp_avg_sq", RawTensor.fromTorch(inContiguousOrder(expSq)));
            out.put("step", RawTensor.fromTorch(inContiguousOrder(steps)));
        }
        return out;
    }

    /** Restores a state written by {@link #state()} for the same model. */
    public void loadState(Map<String, RawTensor> state) {
        try (StepScope scope = StepScope.noGrad()) {
            for (var e : Map.of("exp_avg", exp, "exp_avg_sq", expSq, "step", steps).entrySet()) {
                RawTensor raw = state.get(e.getKey());
                if (raw == null || raw.numel() != e.getValue().numel()) {
                    throw new IllegalArgumentException("optimizer state lacks a matching '" + e.getKey() + "' tensor");
                }
                copyFromContiguousOrder(raw.toTorch().view(e.getValue().shape()), e.getValue());
            }
            boolean uniform = steps.min().item_double() == steps.max().item_double();
            uniformSteps = uniform ? (long) steps.max().item_double() : -1;
        }
    }
}
