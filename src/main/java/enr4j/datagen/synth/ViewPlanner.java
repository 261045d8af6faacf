package enr4j.datagen.synth;

import enr4j.geometry.CameraPose;
import enr4j.geometry.Vec3;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Chooses camera parameters of the views of one scene.
 *
 * <p>Training/validation views: azimuth uniform in [-180, 180), elevation uniform in
 * [elevationMin, elevationMax). Test views: an Archimedean spiral of n points, for k = 0..n-1 with
 * {@code t = k / (n - 1)}: {@code elevation = elevationMin + (elevationMax - elevationMin) t},
 * {@code azimuth = wrap(360 * turns * t)} with {@value #SPIRAL_TURNS} turns and wrap into [-180, 180).
 * For n = 251 and the default range [-10, 50], source view 64 sits at azimuth 8.6, elevation 5.4.
 * Translations (when the mode translates) are uniform per axis in [-range, range], drawn for every view.
 * In translation-only mode azimuth and elevation are 0.
 */
public final class ViewPlanner {

    /** Turns of the test spiral around the vertical axis. */
    public static final int SPIRAL_TURNS = 4;

    private final ViewMode mode;
    private final double elevationMin;
    private final double elevationMax;
    private final double translationRange;

    /**
     * @param mode             which parameters vary
     * @param elevationMin     degrees
     * @param elevationMax     degrees
     * @param translationRange half-width of the per-axis uniform translation range
     */
    public ViewPlanner(ViewMode mode, double elevationMin, double elevationMax, double translationRange) {
        if (!(elevationMin <= elevationMax) || elevationMin < -90 || elevationMax > 90) {
            throw new IllegalArgumentException("invalid elevation range [" + elevationMin + ", " + elevationMax + "]");
        }
        if (!(translationRange >= 0)) {
            throw new IllegalArgumentException("translation range must be >= 0, got " + translationRange);
        }
        this.mode = mode;
        this.elevationMin = elevationMin;
        this.elevationMax = elevationMax;
        this.translationRange = translationRange;
    }

    /** @return {@code count} random views (training/validation) */
    public List<CameraPose> randomViews(int count, SplittableRandom random) {
        List<CameraPose> views = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double az = 0;
            double el = 0;
            if (mode.rotates()) {
                az = -180 + 360 * random.nextDouble();
                el = elevationMin + (elevationMax - elevationMin) * random.nextDouble();
            }
            views.add(new CameraPose(az, el, translation(random)));
        }
        return views;
    }

    /** @return {@code count} views on the test spiral (translations random when the mode translates) */
    public List<CameraPose> spiralViews(int count, SplittableRandom random) {
        List<CameraPose> views = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            double t = count == 1 ? 0 : (double) k / (count - 1);
            double az = 0;
            double el = 0;
            if (mode.rotates()) {
                el = elevationMin + (elevationMax - elevationMin) * t;
                az = wrapDegrees(360.0 * SPIRAL_TURNS * t);
            }
            views.add(new CameraPose(az, el, translation(random)));
        }
        return views;
    }

    private Vec3 translation(SplittableRandom random) {
        if (!mode.translates()) {
            return Vec3.ZERO;
        }
        return new Vec3(uniform(random), uniform(random), uniform(random));
    }

    private float uniform(SplittableRandom random) {
        return (float) (translationRange * (2 * random.nextDouble() - 1));
    }

    /** @return angle wrapped into [-180, 180) */
    public static double wrapDegrees(double degrees) {
        double w = (degrees + 180) % 360;
        if (w < 0) {
            w += 360;
        }
        return w - 180;
    }
}
