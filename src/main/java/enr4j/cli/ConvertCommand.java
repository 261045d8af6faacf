package enr4j.cli;

import enr4j.eval.EvaluationReport;
import enr4j.eval.ReportFiles;
import enr4j.model.ModelFacts;
import enr4j.model.ModelFiles;
import enr4j.model.ModelFormat;
import enr4j.model.ModelMetadata;
import enr4j.model.NeuralRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code enr convert IN OUT}: one saved model into another format, weights bit for bit. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Convert a saved model between a model folder, a .zip and a .pt checkpoint (any direction).",
                "The weights are copied bit for bit; the metadata (training data, steps, PSNR) travels along and the"
                        + " model card README.md is written again. A .pt loads in PyTorch with the reference"
                        + " implementation's models.neural_renderer.load_model."})
final class ConvertCommand implements Callable<Integer> {
    /** A dot and letters/digits at the end of a name: an extension, so not a folder name. */
    private static final Pattern EXTENSION = Pattern.compile(".*\\.[A-Za-z][A-Za-z0-9]*$");

    @Parameters(index = "0", paramLabel = "IN", description = "a model folder, .zip, .pt or .pth")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT",
            description = "a .zip, a .pt/.pth, or a folder name without an extension")
    Path out;

    @Option(names = "--overwrite", description = "replace OUT if it exists (atomically: never half a model)")
    boolean overwrite;

    @Option(names = "--evaluation", paramLabel = "REPORT",
            description = "an `enr evaluate` JSON report of IN: its mean PSNR and test set go into the metadata and card")
    Path evaluation;

    @Override
    public Integer call() {
        ModelFormat from = inputFormat();
        ModelFormat to = outputFormat();
        NeuralRenderer model = ModelFiles.load(in);
        ModelFacts facts = ModelMetadata.facts(in);
        if (evaluation != null) {
            EvaluationReport report = evaluationOfInput();
            facts = facts.withEvaluation(report.meanPsnr(), report.dataset().isEmpty() ? null : report.dataset());
        }
        ModelFiles.save(model, out, facts);
        System.out.println("converted " + in + " (" + from.description() + ") to " + out + " ("
                + to.description() + ")");
        return 0;
    }

    private ModelFormat inputFormat() {
        if (!Files.exists(in)) {
            throw new IllegalArgumentException(in + ": no such file or directory");
        }
        if (Files.isDirectory(in)) {
            return ModelFormat.FOLDER;
        }
        return ModelFormat.byExtension(in).orElseThrow(() -> new IllegalArgumentException(
                in + ": unknown model file extension (expected a model folder, .zip, .pt or .pth)"));
    }

    private ModelFormat outputFormat() {
        Optional<ModelFormat> named = ModelFormat.byExtension(out);
        if (named.isEmpty() && EXTENSION.matcher(out.getFileName().toString()).matches()) {
            throw new IllegalArgumentException(out + ": unknown model file extension (expected .zip, .pt, .pth, or a"
                    + " folder name without an extension)");
        }
        ModelFormat format = named.orElse(ModelFormat.FOLDER);
        if (Files.exists(out)) {
            if (!overwrite) {
                throw new IllegalArgumentException(out + ": already exists (--overwrite replaces it)");
            }
            if (Files.isDirectory(out) != (format == ModelFormat.FOLDER)) {
                throw new IllegalArgumentException(out + ": exists as a " + (Files.isDirectory(out) ? "folder" : "file")
                        + ", cannot be replaced by " + format.description());
            }
        }
        return format;
    }

    /** The report, which must be of IN itself: a PSNR of other weights is not a fact about these. */
    private EvaluationReport evaluationOfInput() {
        EvaluationReport report = ReportFiles.readJson(evaluation);
        Path evaluated = Path.of(report.model());
        try {
            if (Files.exists(evaluated) && Files.isSameFile(evaluated, in)) {
                return report;
            }
        } catch (IOException e) {
            // not the same file: reported below
        }
        throw new IllegalArgumentException(evaluation + ": evaluates " + report.model() + ", not " + in);
    }
}
