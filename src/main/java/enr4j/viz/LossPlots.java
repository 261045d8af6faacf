package enr4j.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Loss curves of a training run as PNG charts. A run folder holds {@code loss_history.json} (per iteration),
 * {@code epoch_loss_history.json} (per epoch) and optionally {@code val_loss_history.json} (per epoch), each a JSON
 * object {@code {"total": [...], "regression": [...], "ssim": [...]}}. The per-iteration chart draws each raw curve
 * faintly with its {@link Smoothing smoothed} curve over it.
 */
public final class LossPlots {

    public static final String ITERATION_HISTORY = "loss_history.json";
    public static final String EPOCH_HISTORY = "epoch_loss_history.json";
    public static final String VALIDATION_HISTORY = "val_loss_history.json";
    /** Chart of every loss component per iteration. */
    public static final String ITERATIONS_CHART = "loss_iterations.png";
    /** Chart of the total loss per epoch, training and (when present) validation. */
    public static final String EPOCHS_CHART = "loss_epochs.png";

    private static final String TOTAL = "total";
    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;
    private static final Color[] PALETTE = {new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C),
            new Color(0xD62728), new Color(0x9467BD)};
    private static final int RAW_ALPHA = 70;

    private LossPlots() {
    }

    /** Writes the charts into the run folder itself. */
    public static List<Path> write(Path runDir) {
        return write(runDir, runDir);
    }

    /** Writes the charts with the {@link Smoothing#defaultWeight default smoothing} for the run's length. */
    public static List<Path> write(Path runDir, Path outDir) {
        return write(runDir, outDir, null);
    }

    /**
     * Writes {@value #ITERATIONS_CHART} and {@value #EPOCHS_CHART} into {@code outDir} (created if missing), atomically.
     *
     * @param smoothing weight of {@link Smoothing#exponential} for the per-iteration curves, in [0, 1); null for
     *                  {@link Smoothing#defaultWeight}
     * @return the charts written
     * @throws IllegalArgumentException naming the folder and file when a required history is missing or malformed
     */
    public static List<Path> write(Path runDir, Path outDir, Double smoothing) {
        LossHistory iterations = LossHistory.read(require(runDir, ITERATION_HISTORY));
        LossHistory epochs = LossHistory.read(require(runDir, EPOCH_HISTORY));
        Path validationFile = runDir.resolve(VALIDATION_HISTORY);
        LossHistory validation = Files.isRegularFile(validationFile) ? LossHistory.read(validationFile) : null;

        XYChart perIteration = chart("Training loss per iteration", "iteration", false);
        int colour = 0;
        for (Map.Entry<String, double[]> component : iterations.components().entrySet()) {
            double[] raw = component.getValue();
            double weight = smoothing != null ? smoothing : Smoothing.defaultWeight(raw.length);
            Color c = PALETTE[colour++ % PALETTE.length];
            addSeries(perIteration, component.getKey(), raw, 0, new Color(c.getRed(), c.getGreen(), c.getBlue(), RAW_ALPHA), 1f);
            addSeries(perIteration, component.getKey() + String.format(" (smoothed %.2f)", weight),
                    Smoothing.exponential(raw, weight), 0, c, 2f);
        }
        if (perIteration.getSeriesMap().isEmpty()) {
            throw new IllegalArgumentException(iterations.source() + " has no loss values to plot");
        }

        XYChart perEpoch = chart("Total loss per epoch", "epoch", true);
        addSeries(perEpoch, "train", epochs.component(TOTAL), 1, PALETTE[0], 1.5f);
        if (validation != null) {
            addSeries(perEpoch, "validation", validation.component(TOTAL), 1, PALETTE[1], 1.5f);
        }
        if (perEpoch.getSeriesMap().isEmpty()) {
            throw new IllegalArgumentException(epochs.source() + " has no \"total\" values to plot");
        }

        List<Path> written = new ArrayList<>();
        written.add(save(perIteration, outDir.resolve(ITERATIONS_CHART)));
        written.add(save(perEpoch, outDir.resolve(EPOCHS_CHART)));
        return List.copyOf(written);
    }

    private static Path require(Path runDir, String fileName) {
        if (!Files.isDirectory(runDir)) {
            throw new IllegalArgumentException("training run folder " + runDir + " does not exist");
        }
        Path file = runDir.resolve(fileName);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("training run folder " + runDir + " has no " + fileName
                    + " (expected " + ITERATION_HISTORY + " and " + EPOCH_HISTORY + ", optionally " + VALIDATION_HISTORY + ")");
        }
        return file;
    }

    /** Epoch charts get markers: a run of one epoch would otherwise draw nothing visible. */
    private static XYChart chart(String title, String xAxis, boolean markers) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xAxis).yAxisTitle("loss").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(0xE0E0E0));
        chart.getStyler().setMarkerSize(markers ? 6 : 0);
        chart.getStyler().setXAxisDecimalPattern("#");
        chart.getStyler().setXAxisTickMarkSpacingHint(120);
        return chart;
    }

    /** Adds the finite values (diverged NaN/Infinity steps are left out) numbered from {@code firstStep}. */
    private static void addSeries(XYChart chart, String name, double[] values, int firstStep, Color colour,
                                  float width) {
        List<Double> steps = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (Double.isFinite(values[i])) {
                steps.add((double) (firstStep + i));
                losses.add(values[i]);
            }
        }
        if (losses.isEmpty()) {
            return;
        }
        XYSeries series = chart.addSeries(name, steps, losses);
        if (chart.getStyler().getMarkerSize() == 0) {
            series.setMarker(SeriesMarkers.NONE);
        } else {
            series.setMarker(SeriesMarkers.CIRCLE);
        }
        series.setLineColor(colour);
        series.setMarkerColor(colour);
        series.setLineStyle(new BasicStroke(width));
    }

    private static Path save(XYChart chart, Path target) {
        Images.writePng(BitmapEncoder.getBufferedImage(chart), target);
        return target;
    }
}
