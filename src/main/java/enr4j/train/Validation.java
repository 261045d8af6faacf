package enr4j.train;

import enr4j.torch.StepScope;
import enr4j.data.Batch;
import enr4j.data.BatchAssembler;
import enr4j.data.ImageStore;
import enr4j.data.ViewIndex;
import enr4j.torch.Tensors;
import java.util.List;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * The reference's {@code mean_dataset_loss} over a fixed list of validation batches after every epoch, and the
 * best model: {@code best_model/} holds the weights of the lowest finite validation total (a non-finite one is
 * never best).
 */
final class Validation implements EpochHook {
    private final ImageStore store;
    private final List<List<ViewIndex>> batches;
    private final TrainingStep step;
    private final Device device;
    private final double ssimWeight;
    private final TrainingState state;
    private final RunDirectory run;
    private final ModelSaver saver;
    private final ProgressReporter progress;

    Validation(ImageStore store, List<List<ViewIndex>> batches, TrainingStep step, Device device, double ssimWeight,
               TrainingState state, RunDirectory run, ModelSaver saver, ProgressReporter progress) {
        this.store = store;
        this.batches = batches;
        this.step = step;
        this.device = device;
        this.ssimWeight = ssimWeight;
        this.state = state;
        this.run = run;
        this.saver = saver;
        this.progress = progress;
    }

    @Override
    public void afterEpoch(int epoch) {
        double[] v = saver.averaged(this::evaluate);
        state.validation.add(v[0], v[1], v[2]);
        run.writeJson(RunDirectory.VAL_LOSS_HISTORY, state.validation.toJson());
        String line = String.format("validation: regression %.4f, ssim %.4f, total %.4f", v[1], v[2], v[0]);
        if (!Double.isFinite(v[0])) {
            line += " (not finite: the best model is kept)";
        } else if (state.bestValTotal == null || v[0] <= state.bestValTotal) {
            state.bestValTotal = v[0];
            saver.save(run.bestModel());
            line += " (new best model)";
        }
        progress.message(line);
    }

    /** @return total, regression, ssim: means over batches; total = regression + w * (1 - SSIM) */
    double[] evaluate() {
        BatchAssembler assembler = new BatchAssembler(store);
        try (StepScope outer = StepScope.noGrad()) {
            Tensor sums = torch.zeros(2).to(device, torch.ScalarType.Float);
            for (List<ViewIndex> indices : batches) {
                Batch b = assembler.assemble(indices);
                try (StepScope scope = StepScope.open()) {
                    RenderingLoss.Terms t = step.evaluate(b.imagesOn(device), b.poses());
                    sums.add_(torch.stack(new TensorVector(t.regression().detach(), t.ssim().detach()), 0));
                }
            }
            float[] s = Tensors.toFloats(sums);
            double regression = s[0] / batches.size();
            double ssim = s[1] / batches.size();
            return new double[] {regression + ssimWeight * ssim, regression, ssim};
        }
    }
}
