package enr4j.train;

import enr4j.torch.io.RawTensor;
import enr4j.torch.io.SafeTensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
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
    private final Tensor shadow;

    public WeightAverage(FlatAdam optimizer, double decay) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("EMA decay must be in (0, 1), got " + decay);
        }
        this.optimizer = optimizer;
        this.decay = decay;
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            Tensor copy = optimizer.master().clone();
            copy.retainReference();
            this.shadow = copy;
        }
    }

    @Override
    public void afterStep(long globalStep) {
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            shadow.lerp_(optimizer.master(), new Scalar(1 - decay));
        }
    }

    /** Runs {@code work} with the averaged weights in the model, then restores the trained weights. */
    public <T> T withAverage(Supplier<T> work) {
        Tensor trained;
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            trained = optimizer.master().clone();
            trained.retainReference();
            optimizer.master().copy_(shadow);
        }
        optimizer.syncComputeCopies();
        try {
            return work.get();
        } finally {
            try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
                optimizer.master().copy_(trained);
            }
            trained.releaseReference();
            optimizer.syncComputeCopies();
        }
    }

    /** The averaged weights as one flat float32 vector (a CPU copy). */
    public float[] averaged() {
        try (PointerScope scope = new PointerScope()) {
            return RawTensor.fromTorch(shadow).toFloatArray();
        }
    }

    @Override
    public void save(Path stateDir) {
        try (PointerScope scope = new PointerScope()) {
            SafeTensors.write(stateDir.resolve(FILE), Map.of("shadow", RawTensor.fromTorch(shadow)));
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
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            shadow.copy_(saved.toTorch().view(shadow.shape()));
        }
    }
}
