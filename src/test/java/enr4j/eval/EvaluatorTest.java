package enr4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import enr4j.data.SceneDataset;
import enr4j.model.NeuralRenderer;
import enr4j.testing.TinyModels;
import enr4j.torch.Precision;
import enr4j.torch.Torch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class EvaluatorTest {
    @TempDir
    static Path dir;
    static SceneDataset testSet;
    static NeuralRenderer model;

    @BeforeAll
    static void setUp() {
        testSet = TestSets.open(TinyTestSet.generate(dir.resolve("data"), 2, 5), 16);
        Torch.seed(5);
        model = new NeuralRenderer(TinyModels.tiny());
    }

    private static EvaluationReport evaluate(int sourceView, int batch) {
        return new Evaluator(model, new EvaluationOptions(sourceView, batch, "cpu", Precision.FP32))
                .evaluate(testSet, "tiny", EvaluationListener.NONE);
    }

    @Test
    void scoresEveryOtherViewOfEverySceneAndAveragesTheRows() {
        List<Integer> heard = new ArrayList<>();
        EvaluationReport report = new Evaluator(model, new EvaluationOptions(2, 3, "cpu", Precision.FP32))
                .evaluate(testSet, "tiny", (done, total, score) -> heard.add(done * 10 + total));
        assertEquals(List.of(12, 22), heard);
        assertEquals(2, report.scenes().size());
        assertEquals(List.of("chairs_00000", "chairs_00001"), report.scenes().stream().map(SceneScore::scene).toList());
        for (SceneScore s : report.scenes()) {
            assertEquals(4, s.views(), "5 views minus the source");
            assertTrue(s.psnr() > 0 && s.psnr() < 60, "untrained model, finite PSNR: " + s.psnr());
            assertTrue(s.ssim() > -1 && s.ssim() < 1, "SSIM " + s.ssim());
        }
        assertEquals((report.scenes().get(0).psnr() + report.scenes().get(1).psnr()) / 2, report.meanPsnr(), 1e-12);
        assertEquals((report.scenes().get(0).ssim() + report.scenes().get(1).ssim()) / 2, report.meanSsim(), 1e-12);
        assertEquals(8, report.imagesScored());
    }

    @Test
    void batchSizeDoesNotChangeTheScores() {
        EvaluationReport one = evaluate(0, 1);
        EvaluationReport four = evaluate(0, 4);
        for (int s = 0; s < 2; s++) {
            assertEquals(one.scenes().get(s).psnr(), four.scenes().get(s).psnr(), 1e-3);
            assertEquals(one.scenes().get(s).ssim(), four.scenes().get(s).ssim(), 1e-4);
        }
    }

    @Test
    void theSourceViewMatters() {
        assertTrue(Math.abs(evaluate(0, 4).meanPsnr() - evaluate(3, 4).meanPsnr()) > 1e-6);
    }

    @Test
    void aMissingSourceViewIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> evaluate(64, 4));
        assertTrue(e.getMessage().contains("source view 64") && e.getMessage().contains("5 views"), e.getMessage());
    }

    @Test
    void reportsRoundTripThroughJsonAndCsv() throws Exception {
        EvaluationReport report = evaluate(1, 4);
        Path json = dir.resolve("out/report.json");
        Path csv = dir.resolve("out/report.csv");
        ReportFiles.write(report, json);
        ReportFiles.write(report, csv);

        EvaluationReport back = ReportFiles.readJson(json);
        assertEquals(report.scenes(), back.scenes());
        assertEquals(report.meanPsnr(), back.meanPsnr());
        assertEquals(1, back.sourceView());

        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(ReportFiles.CSV_HEADER, lines.get(0));
        assertEquals(4, lines.size(), "header, two scenes, mean");
        double sum = 0;
        for (int i = 1; i <= 2; i++) {
            String[] f = lines.get(i).split(",");
            assertEquals(report.scenes().get(i - 1).scene(), f[0]);
            assertEquals(4, Integer.parseInt(f[1]));
            assertEquals(report.scenes().get(i - 1).psnr(), Double.parseDouble(f[2]), 1e-6);
            sum += Double.parseDouble(f[2]);
        }
        String[] mean = lines.get(3).split(",");
        assertEquals("mean", mean[0]);
        assertEquals(sum / 2, Double.parseDouble(mean[2]), 1e-5);
        assertThrows(IllegalArgumentException.class, () -> ReportFiles.write(report, dir.resolve("report.txt")));
    }
}
