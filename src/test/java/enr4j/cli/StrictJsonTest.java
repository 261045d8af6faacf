package enr4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.eval.ReportFiles;
import enr4j.io.JsonFileException;
import enr4j.model.ModelFiles;
import enr4j.model.NeuralRenderer;
import enr4j.testing.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every JSON file the commands read is read strictly: a duplicate key or text after the object is an error of one
 * line naming the file, the line and the column, in the file's words.
 */
@Tag("fast")
class StrictJsonTest {
    private static final String CONFIG = "{\n  \"img_shape\": [3, 16, 16],\n  \"channels_2d\": [8, 16, 16],\n"
            + "  \"strides_2d\": [1, 2, 1],\n  \"channels_3d\": [8, 8],\n  \"strides_3d\": [1, 1],\n"
            + "  \"num_channels_inv_projection\": [32, 64],\n  \"num_channels_projection\": [32, 16],\n"
            + "  \"mode\": \"bilinear\"\n}\n";

    @TempDir
    Path dir;

    /** The position is the character just after the offending key or the first character of the extra text. */
    static void assertJsonError(CliTestSupport.Outcome r, Path file, String where, String what) {
        assertEquals(1, r.code(), r.out() + r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), err);
        assertEquals("enr: error: " + file + ": not valid JSON at " + where + ": " + what, err);
    }

    @Test
    void theConfigIsValidAsWritten() throws Exception {
        Path config = Files.writeString(dir.resolve("ok.json"), CONFIG);
        CliTestSupport.Outcome r = CliTestSupport.run("info", config.toString());
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void aModelConfigWithADuplicateKey() throws Exception {
        Path config = Files.writeString(dir.resolve("dup.json"),
                CONFIG.replace("  \"mode\"", "  \"channels_3d\": [8, 8],\n  \"mode\""));
        assertJsonError(CliTestSupport.run("info", config.toString()), config, "line 9, column 16",
                "duplicate key 'channels_3d'");
    }

    @Test
    void aModelConfigWithTextAfterTheObject() throws Exception {
        Path config = Files.writeString(dir.resolve("trail.json"), CONFIG + "{\"mode\": \"nearest\"}\n");
        assertJsonError(CliTestSupport.run("info", config.toString()), config, "line 11, column 1",
                "text after the end of the JSON value");
    }

    @Test
    void aModelConfigWithACommentGetsNoParserAdvice() throws Exception {
        Path config = Files.writeString(dir.resolve("comment.json"), CONFIG.replace("{\n", "{ // tiny\n"));
        CliTestSupport.Outcome r = CliTestSupport.run("info", config.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("enr: error: " + config + ": not valid JSON at line 1, column 3"), r.err());
        MessageWordsTest.assertInUserWords(r.err());
    }

    @Test
    void renderParamsWithADuplicateViewOrTrailingText() throws Exception {
        Path data = dir.resolve("data");
        assertEquals(0, CliTestSupport.run("dataset", "generate", "--category", "chairs", "--scenes", "1", "--views",
                "2", "--size", "16", "--out", data.toString()).code());
        Path params = data.resolve("train/chairs_00000/render_params.json");
        String text = Files.readString(params);
        Path model = dir.resolve("m.zip");
        ModelFiles.save(new NeuralRenderer(TinyModels.tiny()), model);

        Files.writeString(params, text.replace("\"00001\"", "\"00000\""));
        String[] evaluate = {"evaluate", model.toString(), data.resolve("train").toString(), "--source-view", "0",
            "--device", "cpu", "--out", dir.resolve("r.json").toString()};
        int line = (int) text.substring(0, text.indexOf("\"00001\"")).lines().count();
        assertJsonError(CliTestSupport.run(evaluate), params, "line " + line + ", column 10", "duplicate key '00000'");

        Files.writeString(params, text.strip() + "\n}\n");
        int last = (int) text.strip().lines().count() + 1;
        assertJsonError(CliTestSupport.run(evaluate), params, "line " + last + ", column 1",
                "text after the end of the JSON value");
    }

    @Test
    void lossHistoriesAreStrictButKeepPythonsNaN() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        Path iterations = run.resolve("loss_history.json");
        Files.writeString(run.resolve("epoch_loss_history.json"), "{\"total\": [1.0, NaN, 0.5]}");
        Files.writeString(iterations, "{\"total\": [1.0, 0.8],\n \"total\": [0.7]}");
        String[] plot = {"plot", run.toString(), "--out", dir.resolve("charts").toString()};
        assertJsonError(CliTestSupport.run(plot), iterations, "line 2, column 9", "duplicate key 'total'");

        Files.writeString(iterations, "{\"total\": [1.0, 0.8]} trailing");
        assertJsonError(CliTestSupport.run(plot), iterations, "line 1, column 23",
                "text after the end of the JSON value");

        Files.writeString(iterations, "{\"total\": [1.0, Infinity, 0.8]}");
        assertEquals(0, CliTestSupport.run(plot).code(), "NaN and Infinity, as Python writes them, are read");
    }

    @Test
    void anEvaluationReportWithTrailingText() throws Exception {
        Path report = Files.writeString(dir.resolve("report.json"), "{\"scenes\": []}\n{}");
        JsonFileException e = assertThrows(JsonFileException.class, () -> ReportFiles.readJson(report));
        assertEquals(report + ": not valid JSON at line 2, column 1: text after the end of the JSON value",
                e.getMessage());
    }
}
