package enr4j.eval;

import java.util.List;

/**
 * Result of {@link Evaluator#evaluate}: one row per test scene and the means over scenes (each scene weighs the same,
 * whatever its view count, as in the reference's protocol).
 *
 * @param model      what was evaluated (a path, as the user named it)
 * @param dataset    the test set folder
 * @param sourceView index of the view each scene was inferred from
 * @param device     device name, e.g. {@code cpu} or {@code cuda}
 * @param precision  precision mode, e.g. {@code fp32}
 * @param scenes     per-scene scores, in dataset order
 * @param meanPsnr   mean of the scenes' PSNR, dB
 * @param meanSsim   mean of the scenes' SSIM
 * @param seconds    wall-clock time of the evaluation
 */
public record EvaluationReport(String model, String dataset, int sourceView, String device, String precision,
                               List<SceneScore> scenes, double meanPsnr, double meanSsim, double seconds) {
    public EvaluationReport {
        scenes = List.copyOf(scenes);
        if (scenes.isEmpty()) {
            throw new IllegalArgumentException("an evaluation report needs at least one scene");
        }
    }

    /** Builds a report whose means are computed from {@code scenes}. */
    public static EvaluationReport of(String model, String dataset, int sourceView, String device, String precision,
                                      List<SceneScore> scenes, double seconds) {
        double psnr = scenes.stream().mapToDouble(SceneScore::psnr).average().orElse(Double.NaN);
        double ssim = scenes.stream().mapToDouble(SceneScore::ssim).average().orElse(Double.NaN);
        return new EvaluationReport(model, dataset, sourceView, device, precision, scenes, psnr, ssim, seconds);
    }

    /** Total number of images scored over all scenes. */
    public long imagesScored() {
        return scenes.stream().mapToLong(SceneScore::views).sum();
    }

    /** A few lines for the terminal: scene count, means, time. */
    public String summary() {
        return String.format(java.util.Locale.ROOT,
                "%d scenes, %d views scored (source view %d), %.1f s%nmean PSNR %.3f dB, mean SSIM %.4f%n",
                scenes.size(), imagesScored(), sourceView, seconds, meanPsnr, meanSsim);
    }
}
