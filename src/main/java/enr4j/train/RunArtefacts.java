package enr4j.train;

import enr4j.torch.StepScope;
import enr4j.data.Batch;
import enr4j.model.NeuralRenderer;
import enr4j.torch.Precision;
import enr4j.torch.Tensors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;

/**
 * The reference's run artefacts: the ground-truth grid and one rendered grid per epoch of a fixed batch, the
 * epoch's mean losses, the loss histories and {@code model/} every {@code save_freq} epochs (and after the last).
 */
final class RunArtefacts implements EpochHook {
    private final RunDirectory run;
    private final TrainingState state;
    private final ModelSaver saver;
    private final ProgressReporter progress;
    private final NeuralRenderer model;
    private final Device device;
    private final Precision precision;
    private final Batch fixed;
    private final int imageSize;
    private final int batchesPerEpoch;
    private final int epochs;
    private final int saveFreq;

    RunArtefacts(RunDirectory run, TrainingState state, ModelSaver saver, ProgressReporter progress,
                 NeuralRenderer model, Device device, Precision precision, Batch fixed, TrainingConfig config,
                 int batchesPerEpoch) {
        this.run = run;
        this.state = state;
        this.saver = saver;
        this.progress = progress;
        this.model = model;
        this.device = device;
        this.precision = precision;
        this.fixed = fixed;
        this.imageSize = config.model().imageSize();
        this.batchesPerEpoch = batchesPerEpoch;
        this.epochs = config.epochs();
        this.saveFreq = config.saveFreq();
    }

    /** The grids of a new run: the fixed batch and its renders before training. */
    void begin() {
        run.writeGrid(run.file(RunDirectory.GROUND_TRUTH), groundTruth(), imageSize);
        run.writeGrid(run.generatedImages(0), renderFixed(), imageSize);
    }

    @Override
    public void afterEpoch(int epoch) {
        double[] mean = state.iterations.meanOfLast(batchesPerEpoch);
        state.epochs.add(mean[0], mean[1], mean[2]);
        progress.message(String.format("epoch %d/%d: mean loss total %.4f, regression %.4f, ssim %.4f",
                epoch, epochs, mean[0], mean[1], mean[2]));
        run.writeGrid(run.generatedImages(epoch), saver.averaged(this::renderFixed), imageSize);
        run.writeJson(RunDirectory.LOSS_HISTORY, state.iterations.toJson());
        run.writeJson(RunDirectory.EPOCH_LOSS_HISTORY, state.epochs.toJson());
        if (epoch % saveFreq == 0 || epoch == epochs) {
            saver.save(run.model());
        }
    }

    /**
     * The fixed batch rendered by swapping its pairs' poses, as channel-first float images. (No eval()/train()
     * switch: the model has no dropout or batch norm.)
     */
    private List<float[]> renderFixed() {
        try (StepScope scope = StepScope.noGrad()) {
            Tensor images = fixed.imagesOn(device).to(precision.computeType());
            Tensor rendered = model.renderSwapped(images, fixed.poses());
            return split(Tensors.toFloats(rendered), fixed.size());
        }
    }

    private List<float[]> groundTruth() {
        byte[] bytes = fixed.images();
        float[] all = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            all[i] = (bytes[i] & 0xff) / 255f;
        }
        return split(all, fixed.size());
    }

    private static List<float[]> split(float[] all, int n) {
        int per = all.length / n;
        List<float[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Arrays.copyOfRange(all, i * per, (i + 1) * per));
        }
        return out;
    }
}
