package enr4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import enr4j.cli.Main;
import enr4j.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training.run on the shipped tiny config with a step budget: the listener hears the run, the model loads. */
@Tag("fast")
class TrainingTest {
    @TempDir
    Path dir;

    @Test
    void aBudgetedRunReportsToTheListenerAndSavesALoadableModel() throws Exception {
        assertEquals(0, Main.run("--quiet", "dataset", "generate", "--category", "chairs", "--scenes", "4", "--split",
                "2:2:0", "--views", "4", "--size", "32", "--threads", "1", "--out", dir.resolve("data").toString()));
        ObjectNode config = (ObjectNode) Json.read(Path.of("configs/tiny.json"));
        config.put("path_to_data", "data/train");
        config.put("path_to_test_data", "data/val");
        config.put("device", "cpu");
        config.put("log_every", 1);
        Path file = dir.resolve("tiny.json");
        Json.write(file, config);

        List<String> events = new ArrayList<>();
        TrainingResult r = Training.run(file, dir.resolve("runs"), new TrainingListener() {
            @Override
            public void epochStarted(int epoch, int epochs, int batches, int batchesDone) {
                events.add("epoch " + epoch + "/" + epochs + " of " + batches);
            }

            @Override
            public void progress(int batchesDone, double loss, double imagesPerSecond) {
                assertTrue(Double.isFinite(loss) && loss > 0, "loss " + loss);
                events.add("progress " + batchesDone);
            }
        }, 1L);

        assertEquals(1, r.steps());
        assertFalse(r.completed(), "1 step of a 40-epoch config is a budget stop");
        assertTrue(r.runDirectory().startsWith(dir.resolve("runs")), r.runDirectory().toString());
        // 2 train scenes x 4 views are one batch of 8; log_every 1 reports the step
        assertEquals(List.of("epoch 1/40 of 1", "progress 1"), events.subList(0, Math.min(2, events.size())));
        assertTrue(Files.isDirectory(r.model()), "no model saved: " + r.model());
        assertEquals(32, NovelViews.load(r.model(), "cpu").imageSize());
    }
}
