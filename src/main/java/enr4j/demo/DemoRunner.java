package enr4j.demo;

import enr4j.data.ReaderOptions;
import enr4j.data.SceneDataset;
import enr4j.datagen.synth.Category;
import enr4j.datagen.synth.DatasetGenerator;
import enr4j.datagen.synth.GenerationSummary;
import enr4j.datagen.synth.GeneratorOptions;
import enr4j.eval.ModelViewSource;
import enr4j.eval.NovelViewFiles;
import enr4j.eval.NovelViewJob;
import enr4j.model.ModelFiles;
import enr4j.model.NeuralRenderer;
import enr4j.torch.Torch;
import enr4j.viz.CameraPaths;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.global.torch;

/**
 * {@code enr demo}: novel views of example images, on the CPU, with no arguments.
 *
 * <ol>
 *   <li>Model: the bundled pretrained model ({@link DemoAssets#MODEL_RESOURCE}); else {@code OUT/model.zip} from an
 *       earlier demo run; else a {@link DemoModel} trained for a bounded time on a small generated chairs set
 *       ({@code OUT/data/train}) and saved as {@code OUT/model.zip}.</li>
 *   <li>Examples: the bundled ones; else unseen chairs rendered by the generator ({@code OUT/data/examples}).</li>
 *   <li>For each example, an orbit around it: {@code OUT/<example>/input.png, novel_views.png, novel_views.gif}.</li>
 *   <li>With the bundled model, its card and credits: {@code OUT/MODEL_CARD.md, OUT/CREDITS.md}.</li>
 * </ol>
 */
public final class DemoRunner {
    /** File the trained demo model is saved as, inside the output folder. */
    public static final String TRAINED_MODEL = "model.zip";
    private static final long TRAIN_SEED = 2020;
    private static final long EXAMPLE_SEED = 7_000_001;

    /**
     * @param out          output folder
     * @param trainSeconds training budget when a model must be trained
     * @param frames       frames of each orbit
     * @param retrain      train even when {@code OUT/model.zip} exists
     * @param trainScenes  scenes of the generated training set
     * @param trainViews   views per generated scene
     */
    public record Options(Path out, int trainSeconds, int frames, boolean retrain, int trainScenes, int trainViews) {
        public Options {
            if (trainSeconds < 1 || frames < 1 || trainScenes < 1 || trainViews < 2) {
                throw new IllegalArgumentException("demo needs train seconds >= 1, frames >= 1, scenes >= 1, views >= 2");
            }
        }

        /** 90 s of training on 128 scenes x 10 views, 24-frame orbits. */
        public static Options defaults(Path out) {
            return new Options(out, 90, 24, false, 128, 10);
        }
    }

    /**
     * What the demo produced.
     *
     * @param card the bundled model's card copied into the output folder; empty for a model trained here
     */
    public record Result(String modelOrigin, Path modelFile, Optional<DemoAssets.Card> card,
            List<NovelViewFiles> views, double seconds) {
    }

    private DemoRunner() {}

    /**
     * Runs the demo. Sets libtorch to one intra-op thread for the whole process: with this small model, OpenMP's
     * spinning worker threads competing with the batch loader made a step about five times slower on two cores than
     * a single thread does.
     */
    public static Result run(Options options, PrintStream log) {
        return run(options, log, DemoAssets.bundledModel());
    }

    /** As {@link #run(Options, PrintStream)} with the bundled model given (empty: behave as if none is bundled). */
    static Result run(Options options, PrintStream log, Optional<NeuralRenderer> bundled) {
        long start = System.nanoTime();
        Torch.threads(1);
        Path out = options.out().toAbsolutePath().normalize();
        String origin;
        Path modelFile = null;
        NeuralRenderer model;
        Path saved = out.resolve(TRAINED_MODEL);
        Optional<DemoAssets.Card> card = Optional.empty();
        if (bundled.isPresent()) {
            model = bundled.get();
            origin = "bundled pretrained model";
            card = DemoAssets.copyCard(out);
        } else if (Files.exists(saved) && !options.retrain()) {
            model = ModelFiles.load(saved);
            modelFile = saved;
            origin = "model trained by an earlier demo run (use --retrain to train again)";
            log.println("Using " + saved);
        } else {
            model = train(options, out, log);
            ModelFiles.save(model, saved);
            modelFile = saved;
            origin = "model trained just now for " + options.trainSeconds() + " s (no pretrained model is bundled yet)";
        }
        int size = model.config().imageSize();
        List<DemoExample> examples = DemoAssets.bundledExamples();
        if (examples.isEmpty()) {
            log.println("Rendering example chairs the model has not seen ...");
            examples = DemoAssets.generatedExamples(3, size, EXAMPLE_SEED, out.resolve("data/examples"));
        }
        Device cpu = new Device(torch.DeviceType.CPU);
        List<NovelViewFiles> written = new ArrayList<>();
        for (DemoExample example : examples) {
            ModelViewSource source = new ModelViewSource(model, cpu, example.pose());
            written.add(NovelViewJob.run(source, example.image(), CameraPaths.orbit(options.frames(), 0),
                    out.resolve(example.name())));
        }
        return new Result(origin, modelFile, card, written, (System.nanoTime() - start) / 1e9);
    }

    private static NeuralRenderer train(Options options, Path out, PrintStream log) {
        Path data = out.resolve("data");
        log.printf(Locale.ROOT, "No pretrained model is bundled: generating %d chairs x %d views (32 px) ...%n",
                options.trainScenes(), options.trainViews());
        GeneratorOptions gen = GeneratorOptions.builder(Category.CHAIRS).scenes(options.trainScenes(), 0, 0)
                .views(options.trainViews()).size(DemoModel.IMAGE_SIZE).supersampling(2).seed(TRAIN_SEED).build();
        GenerationSummary summary = DatasetGenerator.generate(gen, data);
        log.println("  " + summary);
        log.printf(Locale.ROOT, "Training a small model for %d s on the CPU ...%n", options.trainSeconds());
        QuickTrainer.Result r = new QuickTrainer(8, 2e-3, TRAIN_SEED).train(DemoModel.config(), data.resolve("train"),
                out.resolve("runs"), Duration.ofSeconds(options.trainSeconds()), log);
        log.printf(Locale.ROOT, "  %,d parameters, %d steps (%d epochs) in %.0f s, loss %.4f; run folder %s%n",
                r.model().parameterCount(), r.steps(), r.epochs(), r.seconds(), r.lastLoss(), r.runDirectory());
        return r.model();
    }
}
