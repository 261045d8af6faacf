package enr4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import enr4j.datagen.synth.Category;
import enr4j.datagen.synth.DatasetGenerator;
import enr4j.datagen.synth.GeneratorOptions;
import enr4j.testing.OneTorchThread;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The shipped {@code configs/tiny.json} (32 px) trains a few hundred steps on a generated 32 px set and learns. */
@Tag("slow")
@ExtendWith(OneTorchThread.class)
class TinyConfigTrainingTest {
    @TempDir
    Path dir;

    @Test
    void validationLossFallsOnA32PixelGeneratedDataset() throws Exception {
        DatasetGenerator.generate(GeneratorOptions.builder(Category.CHAIRS).size(32).supersampling(1).views(8)
                .scenes(6, 2, 0).seed(7).threads(2).build(), dir.resolve("data"));
        ObjectNode c = (ObjectNode) TrainFixtures.JSON.readTree(Path.of("configs/tiny.json").toFile());
        c.put("path_to_data", "data/train");
        c.put("path_to_test_data", "data/val");
        c.put("epochs", 40); // 6 batches of 8 per epoch: 240 steps
        c.put("save_freq", 100);
        c.put("device", "cpu");
        TrainingConfig config = TrainingConfig.load(TrainFixtures.write(dir.resolve("tiny.json"), c));
        Trainer.Result r = Trainer.create(config, dir.resolve("runs"), Trainer.Options.quiet()).run();
        assertEquals(240, r.globalStep());
        JsonNode val = RunDirectory.readJson(r.runDirectory().resolve(RunDirectory.VAL_LOSS_HISTORY)).get("total");
        double first = val.get(0).asDouble();
        double last = val.get(val.size() - 1).asDouble();
        System.out.printf("configs/tiny.json at 32 px: %d steps, val total %.4f -> %.4f%n", r.globalStep(), first,
                last);
        assertTrue(last < 0.8 * first, "val total " + first + " -> " + last);
    }
}
