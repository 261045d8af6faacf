package enr4j.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class LossPlotsTest {

    @TempDir
    Path run;

    private void writeHistories(boolean withValidation) throws IOException {
        Files.writeString(run.resolve("loss_history.json"),
                "{\"total\": [1.0, 0.8, 0.6, NaN, 0.5], \"regression\": [0.9, 0.7, 0.5, 0.45, 0.4], \"ssim\": [0.1, 0.1, 0.1, 0.1, 0.1]}");
        Files.writeString(run.resolve("epoch_loss_history.json"),
                "{\"total\": [0.9, 0.55], \"regression\": [0.8, 0.45], \"ssim\": [0.1, 0.1]}");
        if (withValidation) {
            Files.writeString(run.resolve("val_loss_history.json"),
                    "{\"total\": [0.95, 0.6], \"regression\": [0.85, 0.5], \"ssim\": [0.1, 0.1]}");
        }
    }

    /** Number of distinct strongly coloured (non-grey) colours: each plotted series adds one. */
    private static long seriesColours(BufferedImage chart) {
        return java.util.stream.IntStream.range(0, chart.getWidth() * chart.getHeight())
                .map(i -> chart.getRGB(i % chart.getWidth(), i / chart.getWidth()) & 0xFFFFFF)
                .filter(rgb -> {
                    int r = rgb >> 16 & 0xFF;
                    int g = rgb >> 8 & 0xFF;
                    int b = rgb & 0xFF;
                    return Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 100;
                })
                .map(rgb -> rgb & 0xF0F0F0)
                .distinct()
                .count();
    }

    @Test
    void writesIterationAndEpochCharts() throws IOException {
        writeHistories(true);
        Path out = run.resolve("plots");

        List<Path> written = LossPlots.write(run, out);

        assertEquals(List.of(out.resolve("loss_iterations.png"), out.resolve("loss_epochs.png")), written);
        for (Path chart : written) {
            BufferedImage image = ImageIO.read(chart.toFile());
            assertEquals(900, image.getWidth());
            assertEquals(500, image.getHeight());
        }
        long iterationColours = seriesColours(ImageIO.read(written.get(0).toFile()));
        assertTrue(iterationColours >= 3, "expected three coloured loss curves, saw " + iterationColours + " colours");
    }

    @Test
    void validationIsOptional() throws IOException {
        writeHistories(false);
        List<Path> written = LossPlots.write(run);
        assertTrue(Files.isRegularFile(run.resolve("loss_epochs.png")));
        assertEquals(2, written.size());
    }

    @Test
    void missingHistoryNamesFolderAndFile() throws IOException {
        Files.writeString(run.resolve("loss_history.json"), "{\"total\": [1.0]}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LossPlots.write(run));
        assertTrue(e.getMessage().contains("epoch_loss_history.json"), e.getMessage());
        assertTrue(e.getMessage().contains(run.toString()), e.getMessage());
        assertFalse(Files.exists(run.resolve("loss_iterations.png")));
    }

    @Test
    void malformedHistoryNamesFileAndKey() throws IOException {
        writeHistories(false);
        Files.writeString(run.resolve("epoch_loss_history.json"), "{\"total\": [0.5, \"x\"]}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LossPlots.write(run));
        assertTrue(e.getMessage().contains("epoch_loss_history.json") && e.getMessage().contains("\"total\"[1]"),
                e.getMessage());
    }

    @Test
    void missingFolderIsReported() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LossPlots.write(run.resolve("nope")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }
}
