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
                + " val_loss_history.json) as PNG files.")
final class PlotCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_DIR", description = "the training run's folder")
    Path runDir;

    @Option(names = "--out", description = "folder for the charts (default: RUN_DIR)")
    Path out;

    @Override
    public Integer call() {
        if (!Files.isDirectory(runDir)) {
            throw new IllegalArgumentException(runDir + ": no such run folder");
        }
        List<Path> charts = LossPlots.write(runDir, out == null ? runDir : out);
        for (Path chart : charts) {
            System.out.println("wrote " + chart);
        }
        return 0;
    }
}
