package enr4j.cli;

import enr4j.model.ModelSummary;
import enr4j.model.NeuralRenderer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code enr info CONFIG_OR_MODEL}: the architecture, layer by layer. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print the model's layers with shapes and parameter counts, the scene shape and size.")
final class InfoCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CONFIG_OR_MODEL", description = "a config .json, a model directory/.zip, or a .pt checkpoint")
    Path path;

    @Override
    public Integer call() {
        NeuralRenderer model = ModelSource.open(path).model();
        System.out.print(new ModelSummary(model).format());
        return 0;
    }
}
