package enr4j.cli;

import enr4j.data.PoseReading;
import enr4j.data.SceneDataset;
import enr4j.eval.EvaluationOptions;
import enr4j.eval.EvaluationReport;
import enr4j.eval.Evaluator;
import enr4j.eval.ReportFiles;
import enr4j.eval.SceneScore;
import enr4j.eval.TestSets;
import enr4j.model.NeuralRenderer;
import enr4j.torch.Precision;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code enr evaluate MODEL DATA}: the reference's novel-view PSNR protocol (plus SSIM) on a test set. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Infer each test scene from its source view, render every other view at its pose, and report"
                + " PSNR and SSIM per scene and their means over scenes.",
                "PSNR = 10 log10(1 / MSE) per image, capped at 100 dB (identical images)."})
final class EvaluateCommand implements Callable<Integer> {
    private static final int MAX_ROWS_PRINTED = 20;

    @Parameters(index = "0", paramLabel = "MODEL", description = "a model directory/.zip or a .pt checkpoint")
    Path model;

    @Parameters(index = "1", paramLabel = "DATA", description = "test set folder (scene folders with NNNNN.png and render_params.json)")
    Path data;

    @Option(names = "--source-view", defaultValue = "64", description = "view each scene is inferred from (default: ${DEFAULT-VALUE})")
    int sourceView;

    @Option(names = "--out", defaultValue = "evaluation.json",
            description = "report file, .json or .csv; the other format is written next to it (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--angles-in-radians",
            description = "render_params.json holds radians (datasets written by the original translations pipeline); default: degrees")
    boolean anglesInRadians;

    @Option(names = "--ignore-translations",
            description = "read every view as translation zero (score a rotation-only model as it was trained)")
    boolean ignoreTranslations;

    @Option(names = "--batch", description = "views rendered per forward pass (default: 32 on CUDA, 8 on the CPU)")
    Integer batch;

    @Mixin
    ComputeOptions compute;

    @Override
    public Integer call() {
        String dev = compute.device();
        Precision prec = compute.precision();
        EvaluationOptions options = new EvaluationOptions(sourceView,
                batch == null ? EvaluationOptions.defaultBatchSize(dev) : batch, dev, prec);
        ModelSource source = ModelSource.open(model);
        if (!source.trained()) {
            System.err.println("enr: warning: " + model + " is a config: evaluating untrained weights");
        }
        NeuralRenderer renderer = source.model();
        SceneDataset dataset = TestSets.open(data, renderer.config().imageSize(),
                new PoseReading(anglesInRadians, ignoreTranslations));
        Evaluator evaluator = new Evaluator(renderer, options);
        EvaluationReport report;
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("evaluate").setInitialMax(dataset.sceneCount())
                .setUnit(" scenes", 1).build()) {
            report = evaluator.evaluate(dataset, model.toString(), (done, total, score) -> {
                bar.stepTo(done);
                bar.setExtraMessage(String.format(Locale.ROOT, "%s %.2f dB", score.scene(), score.psnr()));
            });
        }
        boolean json = out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        Path jsonFile = json ? out : ReportFiles.withExtension(out, "json");
        Path csvFile = json ? ReportFiles.withExtension(out, "csv") : out;
        ReportFiles.write(report, out);
        ReportFiles.write(report, json ? csvFile : jsonFile);
        if (report.scenes().size() <= MAX_ROWS_PRINTED) {
            System.out.printf(Locale.ROOT, "%-24s %6s %9s %7s%n", "scene", "views", "PSNR", "SSIM");
            for (SceneScore s : report.scenes()) {
                System.out.printf(Locale.ROOT, "%-24s %6d %9.3f %7.4f%n", s.scene(), s.views(), s.psnr(), s.ssim());
            }
        }
        System.out.print(report.summary());
        System.out.println("wrote " + jsonFile + " and " + csvFile);
        return 0;
    }
}
