package enr4j.train;

import enr4j.torch.StepScope;
import enr4j.torch.TensorOwner;
import enr4j.torch.io.RawTensor;
import enr4j.torch.io.SafeTensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

/**
 * An exponential moving average of the weights, {@code shadow <- decay * shadow + (1 - decay) * weights} after every
 * step: one kernel over {@link FlatAdam}'s flat master vector. {@link #withAverage} lends the averaged weights to the
 * model for validation, rendering and saving, then puts the trained ones back.
 */
public final class WeightAverage implements StepHook {
    static final String FILE = "ema.safetensors";

    private final FlatAdam optimizer;
    private final double decay;
    private final TensorOwner owner = new TensorOwner();
    private final Tensor shadow;

    public WeightAverage(FlatAdam optimizer, double decay) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("EMA decay must be in (0, 1), got " + decay);
        }
        this.optimizer = optimizer;
        this.decay = decay;
        try (StepScope scope = StepScope.noGrad()) {
            this.shadow = owner.take(optimizer.master().clone());
        }
    }

    @Override
    public void afterStep(long globalStep) {
        try (StepScope scope = StepScope.noGrad()) {
            shadow.lerp_(optimizer.master(), new Scalar(1 - decay));
        }
    }

    /** Runs {@code work} with the averaged weights in the model, then restores the trained weights. */
    public <T> T withAverage(Supplier<T> work) {
        Tensor trained;
        try (StepScope scope = StepScope.noGrad()) {
            trained = owner.take(optimizer.master().clone());
            optimizer.master().copy_(shadow);
        }
        optimizer.syncComputeCopies();
        try {
            return work.get();
        } finally {
            try (StepScope scope = StepScope.noGrad()) {
                optimizer.master().copy_(trained);
            }
            owner.release(trained);
            optimizer.syncComputeCopies();
        }
    }

    /** The averaged weights as one flat float32 vector (a CPU copy). */
    public float[] averaged() {
        try (StepScope scope = StepScope.open()) {
            return RawTensor.fromTorch(optimizer.inContiguousOrder(shadow)).toFloatArray();
        }
    }

    @Override
    public void save(Path stateDir) {
        try (StepScope scope = StepScope.open()) {
            SafeTensors.write(stateDir.resolve(FILE),
                    Map.of("shadow", RawTensor.fromTorch(optimizer.inContiguousOrder(shadow))));
        }
    }

    @Override
    public void load(Path stateDir) {
        Path file = stateDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(stateDir + " holds no " + FILE + ": the run was not trained with use_ema");
        }
        RawTensor saved = SafeTensors.read(file).tensors().get("shadow");
        if (saved == null || saved.numel() != shadow.numel()) {
            throw new IllegalStateException(file + ": no shadow weights of this model's size");
        }
        try (StepScope scope = StepScope.noGrad()) {
            optimizer.copyFromContiguousOrder(saved.toTorch().view(shadow.shape()), shadow);
        }
    }
}
