package enr4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import enr4j.io.Json;
import enr4j.model.MemoryEstimate;
import enr4j.model.ModelConfig;
import enr4j.model.ModelPlan;
import enr4j.model.ModelSummary;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code enr info CONFIG_OR_MODEL}: the architecture, layer by layer, from the config alone. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print the model's layers with shapes and parameter counts, the scene shape and size, and the "
                + "memory training it needs.")
final class InfoCommand implements Callable<Integer> {
    /** Batch for the memory estimate when the file names none (the reference's batch size). */
    static final int DEFAULT_BATCH = 16;

    @Parameters(paramLabel = "CONFIG_OR_MODEL", description = "a config .json, a model directory/.zip, or a .pt checkpoint")
    Path path;

    @Override
    public Integer call() {
        ModelConfig config = ModelSource.config(path);
        ModelPlan plan = ModelPlan.of(config);
        System.out.print(new ModelSummary(plan).format());
        System.out.println("Training memory (fp32, estimate): " + MemoryEstimate.forTraining(config, batch()).describe());
        return 0;
    }

    private int batch() {
        if (path.toString().endsWith(".json")) {
            JsonNode b = Json.read(path).get("batch_size");
            if (b != null && b.canConvertToInt() && b.intValue() > 0) {
                return b.intValue();
            }
        }
        return DEFAULT_BATCH;
    }
}
