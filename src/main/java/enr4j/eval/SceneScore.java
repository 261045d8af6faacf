package enr4j.eval;

/**
 * Scores of one test scene: the means over its rendered views.
 *
 * @param scene folder name of the scene
 * @param views number of views compared (every view but the source)
 * @param psnr  mean PSNR in dB over those views
 * @param ssim  mean SSIM over those views
 */
public record SceneScore(String scene, int views, double psnr, double ssim) {
    public SceneScore {
        if (scene == null || scene.isEmpty()) {
            throw new IllegalArgumentException("scene name is required");
        }
        if (views < 1) {
            throw new IllegalArgumentException("scene " + scene + ": at least one view must be scored, got " + views);
        }
    }
}
