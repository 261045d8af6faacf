package enr4j.cli;

import enr4j.viz.LossPlots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code enr plot RUN_DIR}: loss curves of a training run. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Chart a training run's loss histories (loss_history.json, epoch_loss_history.json,"
                + " val_loss_history.json) as PNG files; per-iteration curves are drawn faintly under their"
                + " smoothed curve (TensorBoard's debiased exponential moving average).")
final class PlotCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_DIR", description = "the training run's folder")
    Path runDir;

    @Option(names = "--out", description = "folder for the charts (default: RUN_DIR)")
    Path out;

    @Option(names = "--smoothing", paramLabel = "W",
            description = "smoothing weight in [0, 1): 0 none, 0.99 heavy (default: about 1% of the run, e.g. 0.91"
                    + " for 1,000 iterations)")
    Double smoothing;

    @Override
    public Integer call() {
        if (smoothing != null && !(smoothing >= 0 && smoothing < 1)) {
            throw new IllegalArgumentException("--smoothing must be in [0, 1), got " + smoothing);
        }
        if (!Files.isDirectory(runDir)) {
            throw new IllegalArgumentException(runDir + ": no such run folder");
        }
        List<Path> charts = LossPlots.write(runDir, out == null ? runDir : out, smoothing);
        for (Path chart : charts) {
            System.out.println("wrote " + chart);
        }
        return 0;
    }
}
