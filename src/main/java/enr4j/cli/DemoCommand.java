package enr4j.cli;

import enr4j.eval.NovelViewFiles;
import enr4j.demo.DemoRunner;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code enr demo}: novel views of example images, no arguments needed. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Render novel views (grid + GIF) of example images on the CPU.",
                "Uses the bundled pretrained model; when none is bundled, trains a small one on generated chairs for"
                        + " --train-seconds first (kept in OUT/model.zip and reused by later runs)."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "enr-demo", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--train-seconds", defaultValue = "90",
            description = "training time when no pretrained model is available (default: ${DEFAULT-VALUE})")
    int trainSeconds;

    @Option(names = "--frames", defaultValue = "24", description = "frames of each orbit (default: ${DEFAULT-VALUE})")
    int frames;

    @Option(names = "--retrain", description = "train a new model even if OUT/model.zip exists")
    boolean retrain;

    @Override
    public Integer call() {
        OptionBounds.check("--train-seconds", trainSeconds, 1, java.time.Duration.ofDays(7).toSeconds());
        OptionBounds.check("--frames", frames, 1, OptionBounds.MAX_FRAMES);
        DemoRunner.Options defaults = DemoRunner.Options.defaults(out);
        DemoRunner.Result result = DemoRunner.run(new DemoRunner.Options(out, trainSeconds, frames, retrain,
                defaults.trainScenes(), defaults.trainViews()), System.out);
        System.out.println();
        System.out.println("Model: " + result.modelOrigin() + (result.modelFile() == null ? "" : " (" + result.modelFile() + ")"));
        result.card().ifPresent(c -> {
            System.out.println("  " + c.summary());
            System.out.println("  model card (data, training, scores, credits): " + c.file());
        });
        System.out.println("Pictures:");
        for (NovelViewFiles f : result.views()) {
            System.out.println("  " + f.gif());
            System.out.println("  " + f.grid() + "   (input: " + f.input().getFileName() + ")");
        }
        System.out.printf(Locale.ROOT, "Demo finished in %.0f s. Open the .gif files to see the camera turn.%n",
                result.seconds());
        return 0;
    }
}
