package enr4j.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.testing.GifFiles;
import enr4j.eval.NovelViewFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class DemoRunnerTest {
    @TempDir
    Path dir;

    @Test
    void trainsWhenNothingIsBundledThenReusesItsModel() throws Exception {
        // as if no model were bundled: the demo must train one, save it and render the examples
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(log, true, StandardCharsets.UTF_8);
        DemoRunner.Result first = DemoRunner.run(new DemoRunner.Options(dir, 1, 3, false, 4, 4), print,
                java.util.Optional.empty());
        assertTrue(first.modelOrigin().startsWith("model trained just now"), first.modelOrigin());
        assertTrue(first.card().isEmpty(), "a model trained here has no card");
        assertTrue(Files.isRegularFile(dir.resolve(DemoRunner.TRAINED_MODEL)));
        assertEquals(3, first.views().size());
        for (NovelViewFiles f : first.views()) {
            GifFiles.Info gif = GifFiles.read(f.gif());
            assertEquals(3, gif.frames());
            assertEquals(0, gif.loopCount());
            assertEquals(DemoModel.IMAGE_SIZE, gif.width());
        }
        DemoRunner.Result second = DemoRunner.run(new DemoRunner.Options(dir, 1, 2, false, 4, 4), print,
                java.util.Optional.empty());
        assertTrue(second.modelOrigin().contains("earlier demo run"), second.modelOrigin());
        assertEquals(2, GifFiles.read(second.views().get(0).gif()).frames());
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("Training a small model"));
    }

    @Test
    void usesTheBundledModelAndExamples() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        DemoRunner.Result r = DemoRunner.run(new DemoRunner.Options(dir, 1, 4, false, 4, 4),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        assertEquals("bundled pretrained model", r.modelOrigin());
        assertEquals(3, r.views().size());
        assertEquals(dir.resolve("real_plastic_chair").resolve("novel_views.gif"), r.views().get(1).gif());
        DemoAssets.Card card = r.card().orElseThrow();
        assertEquals(dir.resolve("MODEL_CARD.md"), card.file());
        assertTrue(card.summary().contains("held-out real chairs"), card.summary());
        assertTrue(Files.readString(dir.resolve("CREDITS.md")).contains("Plastic chair by Scopia"));
        GifFiles.Info gif = GifFiles.read(r.views().get(0).gif());
        assertEquals(4, gif.frames());
        assertEquals(64, gif.width(), "the bundled model renders 64 px views");
        assertTrue(!Files.exists(dir.resolve(DemoRunner.TRAINED_MODEL)), "nothing is trained");
    }
}
